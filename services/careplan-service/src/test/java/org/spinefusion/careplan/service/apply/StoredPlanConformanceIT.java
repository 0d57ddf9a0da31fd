package org.spinefusion.careplan.service.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinefusion.careplan.pathway.testing.Engines;
import org.spinefusion.careplan.pathway.testing.EpisodeMatrix;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.Fixtures;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Everything the service stores for an episode, read back over the FHIR API, validates against R4 and our
 * profiles with zero errors, for every episode of the matrix.
 */
@CarePlanIntegrationTest
class StoredPlanConformanceIT {

    @LocalServerPort
    int port;

    static Stream<EpisodeSpec> episodes() {
        String run = Fixtures.unique("run");
        return EpisodeMatrix.episodes(LocalDate.now()).stream()
                .map(e -> new EpisodeSpec(
                        e.name(),
                        e.episodeId() + "-" + run,
                        e.patientId() + "-" + run,
                        e.surgeryDate(),
                        e.procedureCode(),
                        e.region(),
                        e.levels(),
                        e.details(),
                        e.status()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("episodes")
    void everyStoredResourceValidatesWithZeroErrors(EpisodeSpec episode) {
        ApplyCalls calls = new ApplyCalls(port);
        CarePlan plan = calls.apply(episode);
        List<Resource> stored = new ArrayList<>();
        stored.add(plan);
        stored.addAll(search(calls, "Goal?subject=Patient/" + episode.patientId()));
        stored.addAll(search(calls, "Communication?subject=Patient/" + episode.patientId() + "&_count=200"));
        stored.addAll(search(calls, "Provenance?target=CarePlan/" + plan.getIdPart()));
        plan.getActivity().stream()
                .map(a -> a.getDetail().getInstantiatesCanonical().get(0).getValue())
                .filter(c -> c.contains("/Questionnaire/"))
                .map(c -> c.substring(c.lastIndexOf('/') + 1, c.indexOf('|')))
                .distinct()
                .forEach(id -> stored.add(calls.client()
                        .read()
                        .resource(Questionnaire.class)
                        .withId(id)
                        .execute()));
        assertThat(stored)
                .extracting(Resource::fhirType)
                .contains("CarePlan", "Goal", "Communication", "Provenance", "Questionnaire");
        for (Resource resource : stored) {
            assertThat(Engines.validator().errors(resource))
                    .as("%s/%s", resource.fhirType(), resource.getIdElement().getIdPart())
                    .isEmpty();
        }
    }

    private static List<Resource> search(ApplyCalls calls, String url) {
        List<Resource> found = new ArrayList<>();
        Bundle bundle =
                calls.client().search().byUrl(url).returnBundle(Bundle.class).execute();
        while (true) {
            bundle.getEntry().forEach(e -> found.add(e.getResource()));
            if (bundle.getLink(Bundle.LINK_NEXT) == null) {
                return found;
            }
            bundle = calls.client().loadPage().next(bundle).execute();
        }
    }
}
