package org.spinefusion.careplan.service.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * When the service received a response: the server's clock, the one time a client cannot set. A response's
 * {@code authored} is the client's claim (a phone's clock, an app's choice), so the check-in window is judged by
 * receipt; {@code authored} counts instead only when it lies within {@link #AUTHORED_SKEW} of receipt (a clock a
 * little off, a form sent around midnight). An {@code authored} further ahead of receipt is replaced by the receipt
 * time when the response is stored; one further behind (a form filled in offline) is kept as the patient's claim
 * of when they answered, for the Observations and for ordering the patient's own answers, but does not open a
 * check-in window that has closed, nor one that is not open yet. A bean of its own so that a test can receive a
 * response on a given day without moving the service's clock.
 */
@Component
public class ResponseReceipt {

    /** How far {@code authored} may be from receipt and still be the time a response is judged at. */
    public static final Duration AUTHORED_SKEW = Duration.ofMinutes(5);

    private final Clock clock;

    public ResponseReceipt(Clock clock) {
        this.clock = clock;
    }

    /** Now, as the server sees it. */
    public Instant now() {
        return clock.instant();
    }

    /** The instant a response is judged at: {@code authored} when within the skew of receipt, else receipt. */
    static Instant judgedAt(Date authored, Instant received) {
        if (authored == null) {
            return received;
        }
        Instant claimed = authored.toInstant();
        return Duration.between(claimed, received).abs().compareTo(AUTHORED_SKEW) <= 0 ? claimed : received;
    }

    /** Whether {@code authored} lies further in the future than the skew allows. */
    static boolean isAhead(Date authored, Instant received) {
        return authored.toInstant().isAfter(received.plus(AUTHORED_SKEW));
    }
}
