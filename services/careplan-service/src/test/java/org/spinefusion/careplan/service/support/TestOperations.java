package org.spinefusion.careplan.service.support;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Operations that exist only in tests, to exercise request parsing and error handling of the server itself. */
@TestConfiguration(proxyBeanMethods = false)
public class TestOperations {

    /** Text that must never reach a client. */
    public static final String SECRET = "internal-detail-4711";

    @Bean
    Echo testEcho() {
        return new Echo();
    }

    /** Plain provider found by its {@code @Operation} methods. */
    public static class Echo {

        @Operation(name = "$test-echo", idempotent = false)
        public Parameters echo(@OperationParam(name = "text", min = 1) StringType text) {
            Parameters out = new Parameters();
            out.addParameter("text", text);
            return out;
        }

        @Operation(name = "$test-fail", idempotent = true)
        public Parameters fail() {
            throw new IllegalStateException("database said: " + SECRET);
        }
    }
}
