package org.spinefusion.careplan.service.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port over the test PostgreSQL ({@link TestDatabase}). Every test class with this
 * annotation shares one application context; tests keep apart by using unique ids and patients. Tokens come from
 * {@link TestTokens}, whose issuer, JWKS and audience {@link TestSecurity} configures.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "logging.structured.format.console=",
            "logging.level.org.spinefusion.careplan.service.api.FhirRequestLog=warn"
        })
@ContextConfiguration(initializers = {TestDatabase.class, TestSecurity.class})
@Import({TestOperations.class, TestReceipts.class})
public @interface CarePlanIntegrationTest {}
