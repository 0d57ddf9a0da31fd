package org.spinefusion.careplan.service.support;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.spinefusion.careplan.service.escalation.ResponseReceipt;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Lets a test receive a response on a given day (a check-in day years ahead) without moving the service's clock:
 * the service judges a symptom check by when it received it, not by the {@code authored} the client claims.
 * Outside {@link #receivedAt} the receipt is the real time. Tests run one at a time in the JVM, and benchmarks
 * that post in parallel receive all their responses at the same instant.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestReceipts {

    private static final AtomicReference<Instant> RECEIVED_AT = new AtomicReference<>();

    @Bean
    @Primary
    ResponseReceipt testResponseReceipt(Clock clock) {
        return new ResponseReceipt(clock) {
            @Override
            public Instant now() {
                Instant at = RECEIVED_AT.get();
                return at != null ? at : super.now();
            }
        };
    }

    /** Until closed, the service receives every response at {@code at}. */
    public static Receipt receivedAt(Instant at) {
        RECEIVED_AT.set(at);
        return () -> RECEIVED_AT.set(null);
    }

    /** Ends the fixed receipt time. */
    public interface Receipt extends AutoCloseable {
        @Override
        void close();
    }
}
