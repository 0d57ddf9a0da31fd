package org.spinefusion.careplan.service.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** A response's {@code authored} is the client's claim: it decides the check-in day only close to receipt. */
class ResponseReceiptTest {

    static final Instant RECEIVED = Instant.parse("2027-03-16T00:02:00Z");

    @Test
    void withoutAuthoredTheResponseIsJudgedAtReceipt() {
        assertThat(ResponseReceipt.judgedAt(null, RECEIVED)).isEqualTo(RECEIVED);
    }

    @Test
    void anAuthoredWithinTheSkewOfReceiptIsTheTimeJudged() {
        // answered just before midnight, arrived just after: the day it was answered counts
        Instant justBefore = RECEIVED.minus(ResponseReceipt.AUTHORED_SKEW);
        assertThat(ResponseReceipt.judgedAt(Date.from(justBefore), RECEIVED)).isEqualTo(justBefore);
        Instant aLittleAhead = RECEIVED.plus(Duration.ofMinutes(3));
        assertThat(ResponseReceipt.judgedAt(Date.from(aLittleAhead), RECEIVED)).isEqualTo(aLittleAhead);
    }

    @Test
    void anAuthoredFurtherFromReceiptDoesNotMoveTheDay() {
        Instant backdated = RECEIVED.minus(Duration.ofDays(3));
        Instant ahead = RECEIVED.plus(Duration.ofDays(400));
        Instant justOutside = RECEIVED.minus(ResponseReceipt.AUTHORED_SKEW).minusSeconds(1);
        assertThat(ResponseReceipt.judgedAt(Date.from(backdated), RECEIVED)).isEqualTo(RECEIVED);
        assertThat(ResponseReceipt.judgedAt(Date.from(ahead), RECEIVED)).isEqualTo(RECEIVED);
        assertThat(ResponseReceipt.judgedAt(Date.from(justOutside), RECEIVED)).isEqualTo(RECEIVED);
    }

    @Test
    void onlyAnAuthoredAheadOfReceiptBeyondTheSkewIsReplaced() {
        assertThat(ResponseReceipt.isAhead(Date.from(RECEIVED.plus(Duration.ofMinutes(6))), RECEIVED))
                .isTrue();
        assertThat(ResponseReceipt.isAhead(Date.from(RECEIVED.plus(Duration.ofMinutes(5))), RECEIVED))
                .isFalse();
        assertThat(ResponseReceipt.isAhead(Date.from(RECEIVED.minus(Duration.ofDays(3))), RECEIVED))
                .isFalse();
    }
}
