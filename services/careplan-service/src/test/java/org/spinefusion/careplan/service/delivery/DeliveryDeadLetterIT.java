package org.spinefusion.careplan.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.FhirClients;
import org.spinefusion.careplan.service.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A 422 will not heal: the delivery is dead-lettered with the EHR's OperationOutcome, and replay sends it again. */
@DeliveryIntegrationTest
class DeliveryDeadLetterIT {

    static TestEhr ehr;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ResourceRepository repository;

    @BeforeAll
    static void startEhr() throws Exception {
        ehr = TestEhr.nativeWrites();
    }

    @AfterAll
    static void stopEhr() throws Exception {
        ehr.close();
    }

    @Test
    void aRefusedResourceIsDeadLetteredWithTheEhrsOutcomeAndReplayDeliversIt() {
        Deliveries deliveries = new Deliveries(port, jdbc);
        String patient = "Patient/" + Fixtures.unique("pat");
        String endpoint = Fixtures.unique("dead");
        deliveries.register(endpoint, ehr, patient);
        Communication message =
                Deliveries.messages(Fixtures.unique("m"), patient, 1, false).get(0);
        ehr.faults.rejectMarker = message.getIdPart();
        repository.saveAll(List.of(message));

        Deliveries.await(
                Duration.ofSeconds(15),
                () -> deliveries.count(endpoint, "dead") == 1,
                () -> deliveries.states(endpoint));
        Parameters dead = FhirClients.client(port)
                .operation()
                .onServer()
                .named("$delivery-dead-letters")
                .withNoParameters(Parameters.class)
                .useHttpGet()
                .execute();
        Parameters.ParametersParameterComponent letter = dead.getParameter().stream()
                .filter(p -> p.getPart().stream()
                        .anyMatch(part -> part.getName().equals("endpoint")
                                && part.getValue().primitiveValue().equals(endpoint)))
                .findFirst()
                .orElseThrow();
        OperationOutcome outcome = (OperationOutcome) letter.getPart().stream()
                .filter(part -> part.getName().equals("outcome"))
                .findFirst()
                .orElseThrow()
                .getResource();
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).isEqualTo("recipient must be a Practitioner");
        assertThat(letter.getPart())
                .anyMatch(p -> p.getName().equals("last-status")
                        && p.getValue().primitiveValue().equals("422"));

        ehr.faults.rejectMarker = null;
        Parameters replay = new Parameters();
        replay.addParameter("endpoint", new StringType(endpoint));
        replay.addParameter("resource", new StringType("Communication/" + message.getIdPart()));
        FhirClients.client(port)
                .operation()
                .onServer()
                .named("$delivery-replay")
                .withParameters(replay)
                .execute();

        Deliveries.await(
                Duration.ofSeconds(15),
                () -> deliveries.count(endpoint, "delivered") == 1,
                () -> deliveries.states(endpoint));
        assertThat(ehr.copiesByIdentifier(Communication.class, Deliveries.IDENTIFIER_SYSTEM))
                .containsEntry("Communication/" + message.getIdPart(), 1L);
    }
}
