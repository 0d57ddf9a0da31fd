package org.spinefusion.careplan.service.api;

import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The configured public FHIR base URL ({@code careplan.base-url}, bound once in {@link FhirServerProperties}), for
 * the features that need it (links here, the token audience in security), without trailing slashes.
 */
@Component
public class PublicBaseUrl {

    private final String bound;
    private final Environment environment;

    PublicBaseUrl(FhirServerProperties properties, Environment environment) {
        this.bound = properties.baseUrl();
        this.environment = environment;
    }

    /**
     * Empty when unset: then links name localhost, which only a laptop may do. A placeholder left in the bound value
     * (a test's {@code ${local.server.port}}, known only once the server listens) is resolved on each call.
     */
    public Optional<String> configured() {
        return Optional.ofNullable(bound)
                .filter(StringUtils::hasText)
                .map(environment::resolvePlaceholders)
                .map(url -> url.replaceAll("/+$", ""));
    }
}
