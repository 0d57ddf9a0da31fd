package org.spinefusion.careplan.service.support;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points the service under test at the test authorization server: {@link TestTokens}' issuer, JWKS and audience. */
public final class TestSecurity implements ApplicationContextInitializer<ConfigurableApplicationContext> {

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
                                "http://localhost:${local.server.port:0}/fhir")));
    }
}
