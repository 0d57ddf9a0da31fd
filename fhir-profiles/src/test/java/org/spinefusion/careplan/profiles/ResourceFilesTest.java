package org.spinefusion.careplan.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceFilesTest {

    private final FhirPackage pkg = FhirPackage.load();

    @Test
    void everyResourceHasTypeIdUrlVersionStatusAndPublisher() {
        assertThat(pkg.files).isNotEmpty();
        assertThat(PackageChecks.resourceProblems(pkg)).isEmpty();
    }

    @Test
    void failsWhenTheIdDoesNotMatchTheFileName() {
        FhirPackage changed = pkg.withChangedFile("CodeSystem-spinal-region.json", cs -> cs.put("id", "region"));

        assertThat(PackageChecks.resourceProblems(changed))
                .anySatisfy(p -> assertThat(p).contains("file name does not match"));
    }

    @Test
    void failsWhenTheUrlIsOutsideTheCanonicalBase() {
        FhirPackage changed = pkg.withChangedFile(
                "CodeSystem-spinal-region.json",
                cs -> cs.put("url", "http://example.org/fhir/CodeSystem/spinal-region"));

        assertThat(PackageChecks.resourceProblems(changed))
                .anySatisfy(p -> assertThat(p).contains("is not " + FhirPackage.BASE));
    }

    @Test
    void failsWhenSnomedCodesAreUsedWithoutTheirCopyrightNotice() {
        FhirPackage changed =
                pkg.withChangedFile("ValueSet-spinal-fusion-procedure.json", vs -> vs.put("copyright", "ours"));

        assertThat(PackageChecks.resourceProblems(changed))
                .contains("ValueSet-spinal-fusion-procedure.json: uses SNOMED CT but copyright does not mention it");
    }

    @Test
    void clinicalArtifactsNameTheirSourceAndAreMarkedForLocalReview() {
        assertThat(PackageChecks.clinicalSourceProblems(pkg)).isEmpty();
    }

    @Test
    void failsWhenAClinicalArtifactDropsItsSource() {
        FhirPackage changed =
                pkg.withChangedFile("ActivityDefinition-nicotine-stop.json", ad -> ad.remove("relatedArtifact"));

        assertThat(PackageChecks.clinicalSourceProblems(changed))
                .contains("ActivityDefinition-nicotine-stop.json: no relatedArtifact naming the source");
    }
}
