package org.spinefusion.careplan.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.delivery.NextSteps.Step;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryKey;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryRow;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryState;
import org.spinefusion.careplan.service.delivery.ledger.HoldReason;
import org.spinefusion.careplan.service.delivery.ledger.Transition;
import org.spinefusion.careplan.service.delivery.send.EhrResponse;
import org.spinefusion.careplan.service.delivery.send.RetryPolicy;
import org.spinefusion.careplan.service.delivery.send.WriteResult;

/** Which EHR answers heal by retrying, park, or dead-letter, and when the task runs again. */
class NextStepsTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant BACKOFF = NOW.plusSeconds(120);
    private static final Instant RETRY_AFTER = NOW.plusSeconds(7);

    private NextSteps steps;

    @BeforeEach
    void steps() {
        RetryPolicy retry = mock(RetryPolicy.class);
        when(retry.next(anyInt(), eq(null), any())).thenReturn(BACKOFF);
        when(retry.next(anyInt(), eq("7"), any())).thenReturn(RETRY_AFTER);
        steps = new NextSteps(retry, FHIR);
    }

    @Test
    void a422IsADeadLetterKeepingTheEhrsOutcome() {
        String outcome = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                + "\"code\":\"business-rule\",\"diagnostics\":\"recipient must be a Practitioner\"}]}";
        Step step = steps.after(refused(422, outcome), claim(false), 1, "Communication", false, NOW);

        Transition.Dead dead = (Transition.Dead) step.transition();
        assertThat(dead.reason()).isEqualTo(HoldReason.REFUSED);
        assertThat(dead.status()).isEqualTo(422);
        assertThat(FHIR.newJsonParser()
                        .parseResource(OperationOutcome.class, dead.outcome())
                        .getIssueFirstRep()
                        .getCode()
                        .toCode())
                .isEqualTo("business-rule");
        assertThat(step.runAgain()).isNull();
    }

    @Test
    void aTextRefusalIsWrappedInAnOperationOutcome() {
        Step step = steps.after(refused(400, "bad request"), claim(false), 1, "Goal", false, NOW);

        OperationOutcome outcome = FHIR.newJsonParser()
                .parseResource(OperationOutcome.class, ((Transition.Dead) step.transition()).outcome());
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).isEqualTo("HTTP 400: bad request");
    }

    @Test
    void aMissingPatientParksAndIsTriedAgainWithinThirtySeconds() {
        Step step = steps.after(
                refused(400, "HAPI-1094: Resource Patient/p-1 not found, specified in path: Goal.subject"),
                claim(false),
                1,
                "Goal",
                false,
                NOW);

        assertThat(step.transition())
                .isInstanceOfSatisfying(Transition.Parked.class, parked -> assertThat(parked.reason())
                        .isEqualTo(HoldReason.MISSING_PATIENT));
        assertThat(step.transition().to()).isEqualTo(DeliveryState.PARKED);
        assertThat(step.runAgain()).isEqualTo(NOW.plus(NextSteps.PARKED_RETRY_MAX));
    }

    @Test
    void aMissingDependencyOtherThanThePatientIsRetriedNotDeadLettered() {
        Step step = steps.after(
                refused(400, "HAPI-1094: Resource Goal/g-1 not found, specified in path: CarePlan.goal"),
                claim(false),
                1,
                "CarePlan",
                false,
                NOW);

        assertThat(step.transition()).isInstanceOf(Transition.Retry.class);
        assertThat(step.runAgain()).isEqualTo(BACKOFF);
    }

    @Test
    void a503HonoursRetryAfterAndWasNotActedOnButA500MayHaveBeen() {
        Step unavailable = steps.after(
                WriteResult.failed(new EhrResponse(503, null, "7", null, null)), claim(false), 1, "Goal", false, NOW);
        Step error = steps.after(refused(500, null), claim(false), 1, "Goal", false, NOW);

        assertThat(unavailable.runAgain()).isEqualTo(RETRY_AFTER);
        assertThat(((Transition.Retry) unavailable.transition()).inFlight()).isFalse();
        assertThat(((Transition.Retry) error.transition()).inFlight()).isTrue();
        assertThat(error.runAgain()).isEqualTo(BACKOFF);
    }

    @Test
    void anEditAtTheEhrParksWithoutARetryAndASuccessIsDelivered() {
        WriteResult edited = WriteResult.parked(HoldReason.EDITED_AT_EHR, "changed since our version 2", null);
        Step parked = steps.after(edited, claim(false), 3, "CarePlan", false, NOW);
        Step delivered = steps.after(
                new WriteResult("ehr-9", "4", null, false, null, null, null), claim(false), 3, "CarePlan", false, NOW);

        assertThat(parked.transition().to()).isEqualTo(DeliveryState.PARKED);
        assertThat(parked.runAgain()).isNull();
        assertThat(delivered.transition()).isEqualTo(new Transition.Delivered(3, "CarePlan", "ehr-9", "4"));
        assertThat(delivered.runAgain()).isNull();
    }

    @Test
    void aWriteWaitingForADependencyNamesItAndKeepsTheEscalationsUrgency() {
        DeliveryKey goal = new DeliveryKey("ehr", "Goal", "g-1", 1);
        Step step = steps.after(WriteResult.waiting(goal), claim(true), 1, "CarePlan", true, NOW);

        assertThat(step.waitingOn()).isEqualTo(goal);
        assertThat(step.urgent()).isTrue();
        assertThat(step.transition()).isEqualTo(new Transition.Released(true));
    }

    @Test
    void noAnswerIsInFlightUnlessTheConnectionWasNeverMade() {
        IOException timeout = new HttpTimeoutException("request timed out");
        Step timedOut = steps.after(timeout, claim(false), NOW);
        Step refused = steps.after(new ConnectException("refused"), claim(false), NOW);

        assertThat(((Transition.Retry) timedOut.transition()).inFlight()).isTrue();
        assertThat(((Transition.Retry) refused.transition()).inFlight()).isFalse();
        assertThat(((Transition.Retry) refused.transition()).reason()).isEqualTo("unreachable");
    }

    private static WriteResult refused(int status, String body) {
        return WriteResult.failed(new EhrResponse(status, null, null, null, body));
    }

    private static DeliveryRow claim(boolean inFlight) {
        return new DeliveryRow(
                "ehr",
                "Goal",
                "g-1",
                DeliveryState.PENDING,
                1,
                null,
                null,
                null,
                null,
                null,
                inFlight,
                1,
                0,
                null,
                null,
                null,
                NOW,
                null,
                null,
                false);
    }
}
