package org.spinefusion.careplan.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An EHR that only reads CarePlans gets the plan as a clinical note; a revision supersedes it. */
@DeliveryIntegrationTest
class DeliveryNoteIT {

    static TestEhr ehr;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startEhr() throws Exception {
        ehr = TestEhr.readOnlyPlans();
    }

    @AfterAll
    static void stopEhr() throws Exception {
        ehr.close();
    }

    @Test
    void deliversThePlanAsAPlanOfCareNoteAndARevisionSupersedesIt() {
        Deliveries deliveries = new Deliveries(port, jdbc);
        EpisodeSpec episode = Episodes.episode();
        String endpoint = Fixtures.unique("note");
        Parameters registered =
                deliveries.register(endpoint, ehr, episode.patient().getReference());
        assertThat(registered.getParameterValue("mode").primitiveValue()).isEqualTo("note");

        CarePlan plan = Episodes.apply(port, episode);
        Deliveries.await(Duration.ofSeconds(20), () -> notesOf(episode).size() == 1);
        DocumentReference first = notesOf(episode).get(0);
        assertThat(first.getType().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
        assertThat(first.getType().getCodingFirstRep().getCode()).isEqualTo("18776-5");
        assertThat(first.getContentFirstRep().getAttachment().getContentType()).isEqualTo("text/html");
        assertThat(new String(first.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8))
                .contains("<html", "</html>");
        assertThat(ehr.stored(CarePlan.class)).isEmpty();
        assertThat(ehr.copiesByIdentifier(Goal.class, Deliveries.IDENTIFIER_SYSTEM))
                .containsKey(plan.getGoal().get(0).getReference());

        Episodes.apply(port, episode.withSurgeryDate(episode.surgeryDate().plusWeeks(3)));

        Deliveries.await(
                Duration.ofSeconds(20),
                () -> notesOf(episode).size() == 2
                        && notesOf(episode).stream()
                                        .filter(n -> n.getStatus() == DocumentReferenceStatus.CURRENT)
                                        .count()
                                == 1);
        List<DocumentReference> notes = notesOf(episode);
        DocumentReference current = notes.stream()
                .filter(n -> n.getStatus() == DocumentReferenceStatus.CURRENT)
                .findFirst()
                .orElseThrow();
        DocumentReference old = notes.stream()
                .filter(n -> n.getStatus() == DocumentReferenceStatus.SUPERSEDED)
                .findFirst()
                .orElseThrow();
        assertThat(current.getRelatesToFirstRep().getCode())
                .isEqualTo(DocumentReference.DocumentRelationshipType.REPLACES);
        assertThat(current.getRelatesToFirstRep().getTarget().getReference())
                .isEqualTo("DocumentReference/" + old.getIdElement().getIdPart());
        assertThat(ehr.stored(CarePlan.class)).isEmpty();
    }

    private List<DocumentReference> notesOf(EpisodeSpec episode) {
        return ehr.stored(DocumentReference.class).stream()
                .filter(n ->
                        n.getSubject().getReference().equals(episode.patient().getReference()))
                .toList();
    }
}
