package org.spinefusion.careplan.service.support;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the service under test at the test authorization server: {@link TestTokens}' issuer, JWKS and audience; and
 * lets one browser origin ({@link #APP_ORIGIN}) call it.
 */
public final class TestSecurity implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The one origin whose scripts may call the service under test. */
    public static final String APP_ORIGIN = "https://app.careplan.test";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "careplanTestSecurity",
                        Map.of(
                                "careplan.security.issuer-uri",
                                TestTokens.ISSUER,
                                "careplan.security.jwk-set-uri",
                                TestTokens.jwksUri(),
                                "careplan.security.audience",
                                TestTokens.AUDIENCE,
                                // Resolved on each request, once the random port is known.
                                "careplan.base-url",
                                "http://localhost:${local.server.port}/fhir",
                                "careplan.security.authorization-endpoint",
                                TestTokens.ISSUER + "/protocol/openid-connect/auth",
                                "careplan.security.token-endpoint",
                                TestTokens.ISSUER + "/protocol/openid-connect/token",
                                "careplan.security.cors.allowed-origins",
                                APP_ORIGIN)));
    }
}
