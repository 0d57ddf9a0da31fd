package org.spinefusion.careplan.service.support;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the service under test at the real authorization server, {@link TestKeycloak}, configured as an operator
 * would: the issuer and the realm's audience only, so the keys and the endpoints apps are sent to come from the
 * issuer's own metadata. Browser apps on any loopback port may call it.
 */
public final class KeycloakSecurity implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String APP_ORIGINS = "http://127.0.0.1:[*]";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "careplanKeycloakSecurity",
                        Map.of(
                                "careplan.security.issuer-uri",
                                TestKeycloak.issuer(),
                                "careplan.security.audience",
                                TestKeycloak.AUDIENCE,
                                "careplan.security.cors.allowed-origins",
                                APP_ORIGINS,
                                // Resolved on each request, once the random port is known.
                                "careplan.base-url",
                                "http://localhost:${local.server.port}/fhir")));
    }
}
