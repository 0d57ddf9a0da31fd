package org.spinefusion.careplan.service.storage;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.IParser;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.testing.Engines;
import org.spinefusion.careplan.pathway.testing.EpisodeMatrix;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;

class VersionedJsonTest {

    private final IParser json = Engines.FHIR.newJsonParser();

    @Test
    void stampsEveryPlanResourceExactlyAsHapiEncodesItWithItsVersion() {
        List<Resource> resources = new ArrayList<>();
        Instant now = Instant.parse("2026-06-01T15:00:00Z");
        for (EpisodeSpec episode :
                EpisodeMatrix.episodes(LocalDate.of(2026, 6, 1)).subList(0, 3)) {
            var result = Engines.engine().apply(Engines.request(episode, now));
            resources.addAll(result.planResources());
            resources.add(result.provenance());
        }
        assertThat(resources).extracting(Resource::fhirType).contains("CarePlan", "Goal", "Communication");

        for (Resource resource : resources) {
            resource.getMeta().setVersionId(null);
            resource.getMeta().setLastUpdatedElement(null);
            String unversioned = json.encodeResourceToString(resource);
            resource.getMeta().setVersionId("7");
            resource.getMeta().setLastUpdated(Date.from(now));

            String stamped = VersionedJson.stamp(
                            unversioned,
                            resource.fhirType(),
                            resource.getIdElement().getIdPart(),
                            "7",
                            resource.getMeta().getLastUpdatedElement().getValueAsString())
                    .orElseThrow();

            assertThat(stamped).as(resource.fhirType()).isEqualTo(json.encodeResourceToString(resource));
        }
    }

    @Test
    void stampsAResourceWithNothingButItsId() {
        Basic bare = new Basic();
        bare.setId("b1");
        String unversioned = json.encodeResourceToString(bare);
        bare.getMeta().setVersionId("1");
        bare.getMeta().setLastUpdated(new Date());

        assertThat(VersionedJson.stamp(
                        unversioned,
                        "Basic",
                        "b1",
                        "1",
                        bare.getMeta().getLastUpdatedElement().getValueAsString()))
                .hasValue(json.encodeResourceToString(bare));
    }

    @Test
    void refusesJsonThatDoesNotOpenWithTheResourcesTypeAndId() {
        assertThat(VersionedJson.stamp("{\"resourceType\":\"Basic\",\"id\":\"b2\"}", "Basic", "b1", "1", "x"))
                .isEmpty();
        assertThat(VersionedJson.stamp("{\"id\":\"b1\",\"resourceType\":\"Basic\"}", "Basic", "b1", "1", "x"))
                .isEmpty();
    }
}
