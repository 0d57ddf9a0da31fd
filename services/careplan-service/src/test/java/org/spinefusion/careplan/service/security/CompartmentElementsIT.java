package org.spinefusion.careplan.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.ApplyResult;
import org.spinefusion.careplan.pathway.testing.Engines;
import org.spinefusion.careplan.pathway.testing.EpisodeMatrix;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.storage.StoredJson;
import org.spinefusion.careplan.service.storage.StoredResource;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A read answered as stored is authorized on a resource parsed only as far as {@link CompartmentElements} says; for
 * every resource of a plan and every kind of token, that gives the same answer as the whole resource.
 */
@CarePlanIntegrationTest
class CompartmentElementsIT {

    @Autowired
    ResourceRepository repository;

    @Autowired
    GrantedResources granted;

    @Autowired
    CompartmentElements elements;

    @Test
    void authorizesEveryPlanResourceAsTheWholeResourceWould() {
        String patient = Fixtures.unique("pat");
        List<Resource> stored = storePlan(patient);
        List<SmartAccess> tokens = List.of(
                access(Optional.empty(), "system/*.rs"),
                access(Optional.of(patient), "patient/*.rs"),
                access(Optional.of("someone-else"), "patient/*.rs"),
                access(Optional.of(patient), "patient/CarePlan.rs patient/Goal.rs"),
                access(Optional.empty(), "system/Communication.rs?category=http://snomed.info/sct|734163000"),
                access(Optional.empty(), "system/CarePlan.rs?category=http://snomed.info/sct|734163000"),
                access(Optional.empty(), "system/CarePlan.rs?category=http://snomed.info/sct|1"),
                access(Optional.empty(), "system/Observation.rs"));

        int compared = 0;
        for (Resource whole : stored) {
            String type = whole.fhirType();
            Resource partial = repository
                    .readForChecks(
                            type,
                            whole.getIdElement().getIdPart(),
                            null,
                            elements.of(type).orElseThrow())
                    .orElseThrow();
            assertThat(StoredJson.isPartial(partial)).as(type).isTrue();
            for (SmartAccess token : tokens) {
                for (char interaction : new char[] {'r', 's'}) {
                    assertThat(granted.visible(token, partial, interaction))
                            .as("%s %s for %s", type, interaction, token)
                            .isEqualTo(granted.visible(token, whole, interaction));
                }
            }
            compared++;
        }
        assertThat(compared).isGreaterThan(20);
        assertThat(stored).extracting(Resource::fhirType).contains("CarePlan", "Goal", "Provenance", "Questionnaire");
        assertThat(granted.visible(tokens.get(1), stored.get(0), 'r')).isTrue();
        assertThat(granted.visible(tokens.get(2), stored.get(0), 'r')).isFalse();
    }

    /** The plan as $apply stores it, with its Provenance naming the versions written. */
    private List<Resource> storePlan(String patient) {
        EpisodeSpec template = EpisodeMatrix.episodes(LocalDate.now()).get(0);
        EpisodeSpec episode = new EpisodeSpec(
                template.name(),
                Fixtures.unique("ep"),
                patient,
                template.surgeryDate(),
                template.procedureCode(),
                template.region(),
                template.levels(),
                template.details(),
                template.status());
        ApplyResult result = Engines.engine().apply(Engines.request(episode, Instant.now()));
        List<StoredResource> versions = repository.saveAll(result.planResources());
        result.provenance()
                .setTarget(versions.stream()
                        .map(v -> new Reference(v.type() + "/" + v.id() + "/_history/" + v.versionId()))
                        .toList());
        repository.saveAll(List.of(result.provenance()));
        List<Resource> stored = new ArrayList<>();
        for (Resource resource : result.planResources()) {
            stored.add(repository
                    .readCurrent(resource.fhirType(), resource.getIdElement().getIdPart())
                    .orElseThrow());
        }
        stored.add(repository
                .readCurrent("Provenance", result.provenance().getIdElement().getIdPart())
                .orElseThrow());
        stored.sort(
                (a, b) -> a.fhirType().equals("CarePlan") ? -1 : b.fhirType().equals("CarePlan") ? 1 : 0);
        return stored;
    }

    private static SmartAccess access(Optional<String> patient, String scopes) {
        List<SmartScope> parsed = java.util.Arrays.stream(scopes.split(" "))
                .map(SmartScope::parse)
                .flatMap(Optional::stream)
                .toList();
        return new SmartAccess("tester", "test-client", parsed, patient, false);
    }
}
