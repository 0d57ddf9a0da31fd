package org.spinefusion.careplan.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.FhirClients;
import org.spinefusion.careplan.service.support.Fixtures;
import org.spinefusion.careplan.service.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What will not heal is held for an operator: a 422 is dead-lettered with the EHR's OperationOutcome, a Patient the
 * EHR lacks parks the delivery; the operator pages through them with a total, filters them by endpoint, reason, status
 * and outcome code, and replays one or all that match, each exactly once.
 */
@DeliveryIntegrationTest
class DeliveryDeadLetterIT {

    static TestEhr ehr;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ResourceRepository repository;

    @Autowired
    Scheduler scheduler;

    @BeforeAll
    static void startEhr() throws Exception {
        ehr = TestEhr.nativeWrites();
    }

    @AfterEach
    void noFaults() {
        ehr.faults.none();
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

        awaitCount(deliveries, endpoint, "dead", 1);
        ParametersParameterComponent letter =
                deliveryParts(deliveries.deadLetters("endpoint", endpoint)).get(0);
        OperationOutcome outcome = (OperationOutcome) letter.getPart().stream()
                .filter(part -> part.getName().equals("outcome"))
                .findFirst()
                .orElseThrow()
                .getResource();
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).isEqualTo("recipient must be a Practitioner");
        assertThat(part(letter, "last-status")).contains("422");
        assertThat(part(letter, "reason")).contains("refused");

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

        awaitCount(deliveries, endpoint, "delivered", 1);
        assertThat(ehr.copiesByIdentifier(Communication.class, Deliveries.IDENTIFIER_SYSTEM))
                .containsEntry("Communication/" + message.getIdPart(), 1L);
    }

    @Test
    void heldDeliveriesArePagedWithATotalAndFilteredByEndpointReasonStatusAndOutcomeCode() {
        Deliveries deliveries = new Deliveries(port, jdbc);
        String refusedPatient = "Patient/" + Fixtures.unique("pat");
        String refusing = Fixtures.unique("refusing");
        deliveries.register(refusing, ehr, refusedPatient);
        String unknownPatient = "Patient/" + Fixtures.unique("pat");
        String lacking = Fixtures.unique("lacking");
        deliveries.registerByIdentifier(lacking, ehr, unknownPatient, "urn:test:mrn");
        String marker = Fixtures.unique("refuse");
        ehr.faults.rejectMarker = marker;
        repository.saveAll(Deliveries.messages(marker, refusedPatient, 5, false));
        repository.saveAll(Deliveries.messages(Fixtures.unique("m"), unknownPatient, 2, false));
        awaitCount(deliveries, refusing, "dead", 5);
        awaitCount(deliveries, lacking, "parked", 2);

        Set<String> seen = new HashSet<>();
        Parameters first = deliveries.deadLetters("endpoint", refusing, "_count", "2");
        assertThat(integer(first, "total")).isEqualTo(5);
        assertThat(integer(first, "next-offset")).isEqualTo(2);
        deliveryParts(first).forEach(letter -> seen.add(part(letter, "resource").orElseThrow()));
        Parameters second = deliveries.deadLetters("endpoint", refusing, "_count", "2", "_offset", "2");
        assertThat(integer(second, "next-offset")).isEqualTo(4);
        deliveryParts(second)
                .forEach(letter -> seen.add(part(letter, "resource").orElseThrow()));
        Parameters last = deliveries.deadLetters("endpoint", refusing, "_count", "2", "_offset", "4");
        assertThat(last.getParameter("next-offset")).isNull();
        assertThat(deliveryParts(last)).hasSize(1);
        deliveryParts(last).forEach(letter -> seen.add(part(letter, "resource").orElseThrow()));
        assertThat(seen).as("three pages hold the five, none twice").hasSize(5);
        assertThat(deliveryParts(first))
                .allMatch(letter -> part(letter, "reason").equals(Optional.of("refused"))
                        && part(letter, "state").equals(Optional.of("dead")));

        assertThat(total(deliveries, "endpoint", refusing, "status", "4xx")).isEqualTo(5);
        assertThat(total(deliveries, "endpoint", refusing, "status", "422")).isEqualTo(5);
        assertThat(total(deliveries, "endpoint", refusing, "status", "409")).isZero();
        assertThat(total(deliveries, "endpoint", refusing, "status", "5xx")).isZero();
        assertThat(total(deliveries, "endpoint", refusing, "outcome-code", "business-rule"))
                .isEqualTo(5);
        assertThat(total(deliveries, "endpoint", refusing, "outcome-code", "invalid"))
                .isZero();
        assertThat(total(deliveries, "endpoint", refusing, "reason", "missing-patient"))
                .isZero();

        Parameters parked = deliveries.deadLetters("endpoint", lacking, "reason", "missing-patient");
        assertThat(integer(parked, "total")).isEqualTo(2);
        assertThat(deliveryParts(parked))
                .allMatch(letter -> part(letter, "state").equals(Optional.of("parked"))
                        && part(letter, "last-error").orElseThrow().contains("no Patient"));
        assertThat(total(deliveries, "endpoint", lacking, "reason", "refused")).isZero();
        assertThat(total(deliveries, "reason", "missing-patient"))
                .as("without an endpoint, every endpoint's")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void filterValuesThatNameNothingAre400WithAnOperationOutcome() {
        Deliveries deliveries = new Deliveries(port, jdbc);
        List<String[]> bad = List.of(
                new String[] {"reason", "sideways"},
                new String[] {"status", "6xx"},
                new String[] {"status", "42"},
                new String[] {"outcome-code", "no-such-issue-type"},
                new String[] {"endpoint", Fixtures.unique("never-registered")},
                new String[] {"_count", "0"},
                new String[] {"_count", "501"},
                new String[] {"_count", "ten"},
                new String[] {"_offset", "-1"});
        for (String[] parameter : bad) {
            assertThatThrownBy(() -> deliveries.deadLetters(parameter))
                    .as("%s=%s", parameter[0], parameter[1])
                    .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(400);
                        assertThat(e.getOperationOutcome()).isInstanceOf(OperationOutcome.class);
                    });
        }
        assertThatThrownBy(() -> deliveries.replayDeadLetters("reason", "sideways"))
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode())
                        .isEqualTo(400));
        assertThatThrownBy(() -> FhirClients.client(port, TestTokens.withScopes("system/*.cruds"))
                        .operation()
                        .onServer()
                        .named("$delivery-replay-dead-letters")
                        .withNoParameters(Parameters.class)
                        .execute())
                .as("the admin scope is needed")
                .isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    void aBulkReplayRedeliversEveryMatchingDeadLetterExactlyOnce() throws Exception {
        Deliveries deliveries = new Deliveries(port, jdbc);
        String patient = "Patient/" + Fixtures.unique("pat");
        String replayed = Fixtures.unique("replayed");
        deliveries.register(replayed, ehr, patient);
        String otherPatient = "Patient/" + Fixtures.unique("pat");
        String untouched = Fixtures.unique("untouched");
        deliveries.register(untouched, ehr, otherPatient);
        String marker = Fixtures.unique("refuse");
        ehr.faults.rejectMarker = marker;
        List<Communication> toReplay = Deliveries.messages(marker + "-r", patient, 6, false);
        List<Communication> toKeep = Deliveries.messages(marker + "-k", otherPatient, 2, false);
        repository.saveAll(toReplay);
        repository.saveAll(toKeep);
        awaitCount(deliveries, replayed, "dead", 6);
        awaitCount(deliveries, untouched, "dead", 2);
        ehr.faults.rejectMarker = null;

        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(CompletableFuture.supplyAsync(
                    () -> deliveries.replayDeadLetters("endpoint", replayed, "reason", "refused")));
        }
        int total = 0;
        for (CompletableFuture<Integer> call : calls) {
            total += call.get();
        }
        assertThat(total)
                .as("three concurrent replays revive each dead letter once")
                .isEqualTo(6);

        awaitCount(deliveries, replayed, "delivered", 6);
        assertThat(deliveries.replayDeadLetters("endpoint", replayed)).isZero();
        Map<String, Long> copies = ehr.copiesByIdentifier(Communication.class, Deliveries.IDENTIFIER_SYSTEM);
        Set<String> replayedIds =
                toReplay.stream().map(m -> "Communication/" + m.getIdPart()).collect(Collectors.toSet());
        assertThat(copies.entrySet().stream().filter(e -> replayedIds.contains(e.getKey())))
                .hasSize(6)
                .allMatch(e -> e.getValue() == 1L);
        assertThat(deliveries.count(untouched, "dead")).isEqualTo(2);
        assertThat(copies.keySet())
                .noneMatch(id -> toKeep.stream().anyMatch(m -> id.equals("Communication/" + m.getIdPart())));
    }

    @Test
    void aReplayedEscalationKeepsItsPriority() {
        Deliveries deliveries = new Deliveries(port, jdbc);
        String patient = "Patient/" + Fixtures.unique("pat");
        String endpoint = Fixtures.unique("alerts");
        deliveries.register(endpoint, ehr, patient);
        Communication alert =
                Deliveries.messages(Fixtures.unique("alert"), patient, 1, true).get(0);
        ehr.faults.rejectMarker = alert.getIdPart();
        repository.saveAll(List.of(alert));
        awaitCount(deliveries, endpoint, "dead", 1);
        ehr.faults.rejectMarker = null;

        scheduler.pause();
        try {
            assertThat(deliveries.replayDeadLetters("endpoint", endpoint)).isEqualTo(1);
            assertThat(jdbc.sql("select priority from scheduled_tasks where task_name = 'ehr-delivery'"
                                    + " and task_instance like ?")
                            .param(endpoint + "|%")
                            .query(Integer.class)
                            .single())
                    .isGreaterThanOrEqualTo(Priority.HIGH);
        } finally {
            scheduler.resume();
        }
        awaitCount(deliveries, endpoint, "delivered", 1);
    }

    private static void awaitCount(Deliveries deliveries, String endpoint, String state, long count) {
        Deliveries.await(
                Duration.ofSeconds(20),
                () -> deliveries.count(endpoint, state) == count,
                () -> deliveries.states(endpoint));
    }

    private static long total(Deliveries deliveries, String... filter) {
        return integer(deliveries.deadLetters(filter), "total");
    }

    private static int integer(Parameters parameters, String name) {
        return Integer.parseInt(parameters.getParameter(name).getValue().primitiveValue());
    }

    private static List<ParametersParameterComponent> deliveryParts(Parameters parameters) {
        return parameters.getParameter().stream()
                .filter(p -> p.getName().equals("delivery"))
                .toList();
    }

    private static Optional<String> part(ParametersParameterComponent delivery, String name) {
        return delivery.getPart().stream()
                .filter(part -> part.getName().equals(name))
                .map(part -> part.getValue().primitiveValue())
                .findFirst();
    }
}
