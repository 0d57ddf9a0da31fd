package org.spinefusion.careplan.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinefusion.careplan.pathway.testing.Engines;
import org.spinefusion.careplan.pathway.testing.EpisodeMatrix;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;

/** Everything the engine makes, and everything the package ships, validates against R4 and our profiles. */
class PlanConformanceTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    static Stream<EpisodeSpec> episodes() {
        return EpisodeMatrix.episodes(TODAY).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("episodes")
    void everyProducedResourceValidatesWithZeroErrors(EpisodeSpec episode) {
        ApplyResult result = Engines.engine().apply(Engines.request(episode, NOW));
        List<Resource> produced = Stream.concat(result.planResources().stream(), Stream.of(result.provenance()))
                .toList();
        assertThat(produced).hasSizeGreaterThan(10);
        for (Resource resource : produced) {
            assertThat(Engines.validator().errors(resource))
                    .as("%s/%s", resource.fhirType(), resource.getIdElement().getIdPart())
                    .isEmpty();
        }
    }

    @Test
    void theEpisodeInputValidatesAgainstItsProfile() {
        for (EpisodeSpec episode : EpisodeMatrix.episodes(TODAY)) {
            assertThat(Engines.validator().errors(episode.surgeryRequest()))
                    .as(episode.name())
                    .isEmpty();
        }
    }

    /**
     * Every artifact except the extension definitions. Validating an extension definition makes the core validator
     * fetch the core package from a package server by a version it leaves empty: offline that costs a 33 s
     * timeout each and ends in an error about the fetch, not about our definition. The extension definitions are
     * exercised instead by every produced resource that carries one, validated above against their snapshots.
     */
    @Test
    void everyArtifactOfThePackageValidatesWithZeroErrors() {
        List<Resource> artifacts = Engines.pathwayPackage().resources().stream()
                .filter(r -> !(r instanceof StructureDefinition definition && "Extension".equals(definition.getType())))
                .toList();
        assertThat(artifacts).hasSizeGreaterThan(90);
        for (Resource artifact : artifacts) {
            assertThat(Engines.validator().errors(artifact))
                    .as("%s/%s", artifact.fhirType(), artifact.getIdElement().getIdPart())
                    .isEmpty();
        }
    }

    @Test
    void everyExampleOfThePackageValidatesWithZeroErrors() {
        List<Resource> examples = Engines.examples();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
        for (Resource example : examples) {
            assertThat(Engines.validator().errors(example))
                    .as("%s/%s", example.fhirType(), example.getIdElement().getIdPart())
                    .isEmpty();
        }
    }

    @Test
    void everyExampleEpisodeMakesAPlanThatValidates() {
        List<ServiceRequest> episodes = Engines.examples().stream()
                .filter(ServiceRequest.class::isInstance)
                .map(ServiceRequest.class::cast)
                .toList();
        assertThat(episodes).hasSizeGreaterThanOrEqualTo(4);
        for (ServiceRequest surgery : episodes) {
            Bundle data = new Bundle().setType(Bundle.BundleType.COLLECTION);
            data.addEntry().setResource(surgery);
            ApplyRequest request = new ApplyRequest(
                    Engines.PATHWAY, surgery.getSubject(), null, null, null, data, NOW, Engines.CLINIC);
            ApplyResult result = Engines.engine().apply(request);
            for (Resource resource : result.planResources()) {
                assertThat(Engines.validator().errors(resource))
                        .as("%s from example %s", resource.fhirType(), surgery.getIdPart())
                        .isEmpty();
            }
        }
    }

    @Test
    void theValidatorReportsAProfileViolation() {
        EpisodeSpec episode = EpisodeMatrix.episodes(TODAY).get(0);
        ApplyResult result = Engines.engine().apply(Engines.request(episode, NOW));
        result.carePlan().setTitle(null);
        result.carePlan().setSubject(null);
        assertThat(Engines.validator().errors(result.carePlan())).isNotEmpty();
    }
}
