package org.spinefusion.careplan.service.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port over the test PostgreSQL in local-dev security mode, as the README's one command
 * starts it: its own key, the system token in {@link #TOKEN_FILE}, its own authorization server for apps, no other
 * security settings. Every test class with this annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "careplan.security.mode=local-dev",
            "careplan.security.local-dev-token-file=" + LocalDevIntegrationTest.TOKEN_FILE,
            "careplan.security.local-dev-patient=" + LocalDevIntegrationTest.PATIENT_ID,
            "management.server.port=0",
            "logging.structured.format.console=",
            "logging.level.org.spinefusion.careplan.service.api.FhirRequestLog=warn"
        })
@ContextConfiguration(initializers = TestDatabase.class)
public @interface LocalDevIntegrationTest {

    String TOKEN_FILE = "target/local-dev-it/local-dev-token";

    /** The patient the local-dev {@code patient} user is. */
    String PATIENT_ID = "local-dev-patient";
}
