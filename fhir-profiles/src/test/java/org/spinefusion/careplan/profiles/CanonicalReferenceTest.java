package org.spinefusion.careplan.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CanonicalReferenceTest {

    private final FhirPackage pkg = FhirPackage.load();

    @Test
    void everyCanonicalUnderOurBaseResolvesAndEveryLocalCodeIsDefined() {
        assertThat(PackageChecks.canonicalProblems(pkg)).isEmpty();
    }

    @Test
    void failsWhenADefinitionCanonicalPointsAtAMissingResource() {
        FhirPackage changed = pkg.withChangedFile("PlanDefinition-spinal-fusion-pathway.json", pd -> ((ObjectNode)
                        pd.path("action").path(0).path("action").path(0))
                .put("definitionCanonical", FhirPackage.BASE + "/ActivityDefinition/does-not-exist"));

        assertThat(PackageChecks.canonicalProblems(changed))
                .anySatisfy(p -> assertThat(p).contains("ActivityDefinition/does-not-exist does not resolve"));
    }

    @Test
    void failsWhenAProfileBindsAValueSetThatIsNotInThePackage() {
        FhirPackage changed = pkg.withChangedFile(
                "StructureDefinition-spinal-fusion-surgery-request.json", sd -> sd.findValues("binding").stream()
                        .map(ObjectNode.class::cast)
                        .forEach(b -> b.put("valueSet", FhirPackage.BASE + "/ValueSet/missing")));

        assertThat(PackageChecks.canonicalProblems(changed))
                .anySatisfy(p -> assertThat(p).contains("ValueSet/missing does not resolve"));
    }

    @Test
    void failsWhenALocalCodeIsNotInItsCodeSystem() {
        FhirPackage changed =
                pkg.withChangedFile("PlanDefinition-spinal-fusion-pathway.json", pd -> ((ObjectNode) pd.path("action")
                                .path(0)
                                .path("action")
                                .path(0)
                                .path("code")
                                .path(0)
                                .path("coding")
                                .path(0))
                        .put("code", "no-such-activity"));

        assertThat(PackageChecks.canonicalProblems(changed))
                .anySatisfy(p -> assertThat(p).contains("code no-such-activity is not defined"));
    }
}
