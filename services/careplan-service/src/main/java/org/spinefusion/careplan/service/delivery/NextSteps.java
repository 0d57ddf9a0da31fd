package org.spinefusion.careplan.service.delivery;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryKey;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryRow;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryState;
import org.spinefusion.careplan.service.delivery.ledger.HoldReason;
import org.spinefusion.careplan.service.delivery.ledger.Transition;
import org.spinefusion.careplan.service.delivery.send.AccessTokens;
import org.spinefusion.careplan.service.delivery.send.EhrResponse;
import org.spinefusion.careplan.service.delivery.send.RetryPolicy;
import org.spinefusion.careplan.service.delivery.send.WriteResult;
import org.springframework.stereotype.Component;

/**
 * What happens next after an attempt: the one place that turns how a write ended (or did not) into the ledger's
 * {@link Transition} and the time the task runs again. The rules of which EHR answers heal by retrying live here.
 */
@Component
class NextSteps {

    /** Answers that will not change by retrying: dead letters. Other 4xx are dead letters too, except these. */
    private static final Set<Integer> RETRYABLE_4XX = Set.of(401, 408, 425, 429);
    /** The longest a parked resource waits to be tried again (a Patient may be registered at the EHR meanwhile). */
    static final Duration PARKED_RETRY_MAX = Duration.ofSeconds(30);
    /** How EHRs say a referenced resource is missing (HAPI: HAPI-1094 "Resource X not found, specified in path"). */
    private static final Pattern MISSING_REFERENCE =
            Pattern.compile("HAPI-1094|not found, specified in path|[Rr]eference.{0,80}not (found|resolv)");

    private final RetryPolicy retry;
    private final FhirContext fhir;

    NextSteps(RetryPolicy retry, FhirContext fhir) {
        this.retry = retry;
        this.fhir = fhir;
    }

    /**
     * One attempt's step: what the ledger records, when the task runs again ({@code null}: done), and the dependency to
     * deliver first when the write waited for one ({@code urgent} when the waiting resource is an escalation).
     */
    record Step(Transition transition, Instant runAgain, DeliveryKey waitingOn, boolean urgent) {

        static Step release(DeliveryRow claim, Instant runAgain) {
            return new Step(new Transition.Released(claim.inFlight()), runAgain, null, false);
        }

        static Step finish(DeliveryState state) {
            return new Step(new Transition.Finished(state), null, null, false);
        }
    }

    /** A write that ended with an answer (or with no need to send). */
    Step after(WriteResult result, DeliveryRow claim, int version, String deliveredAs, boolean urgent, Instant now) {
        if (result.waitingFor() != null) {
            return new Step(new Transition.Released(claim.inFlight()), null, result.waitingFor(), urgent);
        }
        if (result.parked() != null) {
            Integer status = result.failure() == null ? null : result.failure().status();
            Transition parked = new Transition.Parked(result.parkedFor(), status, result.parked());
            // An edit at the EHR waits for review (a replay) or our next version; nothing else would change it.
            return result.parkedFor() == HoldReason.EDITED_AT_EHR
                    ? new Step(parked, null, null, false)
                    : new Step(parked, parkedRetry(claim, now), null, false);
        }
        if (result.succeeded()) {
            return new Step(
                    new Transition.Delivered(version, deliveredAs, result.ehrId(), result.ehrVersion()),
                    null,
                    null,
                    false);
        }
        if (result.unreconcilable()) {
            return new Step(
                    new Transition.Dead(
                            HoldReason.UNRECONCILABLE,
                            null,
                            "an earlier attempt may have reached the EHR, which offers no search by identifier;"
                                    + " check, then replay",
                            null),
                    null,
                    null,
                    false);
        }
        return refused(result.failure(), claim, now);
    }

    /** A write that got no answer: the EHR may have acted on it unless the connection was never made. */
    Step after(IOException e, DeliveryRow claim, Instant now) {
        boolean nothingSent = e instanceof ConnectException || e instanceof AccessTokens.TokenRefusedException;
        return new Step(
                new Transition.Retry(
                        null,
                        e.getClass().getSimpleName(),
                        nothingSent ? "unreachable" : "timeout",
                        claim.inFlight() || !nothingSent),
                retry.next(claim.failures() + 1, null, now),
                null,
                false);
    }

    private Step refused(EhrResponse response, DeliveryRow claim, Instant now) {
        int status = response.status();
        boolean clientError = status >= 400 && status < 500;
        boolean missingReference = clientError
                && response.body() != null
                && MISSING_REFERENCE.matcher(response.body()).find();
        if (missingReference && response.body().contains("Patient/")) {
            return new Step(
                    new Transition.Parked(
                            HoldReason.MISSING_PATIENT,
                            status,
                            "the EHR holds no Patient this resource is about; deliveries for this patient resume once"
                                    + " it does"),
                    parkedRetry(claim, now),
                    null,
                    false);
        }
        if (clientError && !RETRYABLE_4XX.contains(status) && !missingReference) {
            return new Step(
                    new Transition.Dead(
                            HoldReason.REFUSED,
                            status,
                            "the EHR refused the resource (HTTP " + status + ")",
                            outcome(response)),
                    null,
                    null,
                    false);
        }
        // A missing reference other than the Patient heals once the dependency lands; 5xx other than 503 may have
        // been acted on.
        boolean mayHaveActed = status >= 500 && status != 503;
        boolean honoursRetryAfter = status == 429 || status == 503;
        return new Step(
                new Transition.Retry(
                        status, "HTTP " + status, String.valueOf(status), claim.inFlight() || mayHaveActed),
                retry.next(claim.failures() + 1, honoursRetryAfter ? response.retryAfter() : null, now),
                null,
                false);
    }

    private Instant parkedRetry(DeliveryRow claim, Instant now) {
        Instant retryAt = retry.next(claim.failures() + 1, null, now);
        Instant latest = now.plus(PARKED_RETRY_MAX);
        return retryAt.isAfter(latest) ? latest : retryAt;
    }

    /** The EHR's OperationOutcome as it sent it; a bare text answer is wrapped in one. */
    private String outcome(EhrResponse response) {
        String body = response.body();
        try {
            if (body != null && !body.isBlank()) {
                return fhir.newJsonParser()
                        .encodeResourceToString(fhir.newJsonParser().parseResource(OperationOutcome.class, body));
            }
        } catch (RuntimeException notFhir) {
            // wrapped below
        }
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.PROCESSING)
                .setDiagnostics("HTTP " + response.status() + (body == null ? "" : ": " + abbreviate(body)));
        return fhir.newJsonParser().encodeResourceToString(outcome);
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
