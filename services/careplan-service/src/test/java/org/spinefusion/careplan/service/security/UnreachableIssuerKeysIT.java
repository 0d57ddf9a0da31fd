package org.spinefusion.careplan.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.support.TestDatabase;
import org.spinefusion.careplan.service.support.TestHttp;
import org.spinefusion.careplan.service.support.TestOperations;
import org.spinefusion.careplan.service.support.TestSecurity;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * When the authorization server's keys cannot be read, no token can be checked: the caller gets 503 with Retry-After
 * and an OperationOutcome (the servlet container's 500 before), and a request without a token is still 401.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "logging.structured.format.console="})
@ContextConfiguration(
        initializers = {TestDatabase.class, TestSecurity.class, UnreachableIssuerKeysIT.ClosedJwksPort.class})
@Import(TestOperations.class)
class UnreachableIssuerKeysIT {

    @LocalServerPort
    int port;

    @Test
    void answersServiceUnavailableWhenTheKeysCannotBeRead() throws Exception {
        HttpResponse<String> response = new TestHttp(port).get("CarePlan?_count=1");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        OperationOutcome outcome =
                FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("127.0.0.1");
    }

    @Test
    void stillAnswersUnauthorizedWithoutAToken() throws Exception {
        assertThat(new TestHttp(port).withoutToken().get("CarePlan?_count=1").statusCode())
                .isEqualTo(401);
    }

    /** Points the JWKS address at a loopback port nobody listens on (taken, then released). */
    static final class ClosedJwksPort implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            int closed;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "closedJwks",
                            Map.of("careplan.security.jwk-set-uri", "http://127.0.0.1:" + closed + "/jwks")));
        }
    }
}
