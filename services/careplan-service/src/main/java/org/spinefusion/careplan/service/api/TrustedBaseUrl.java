package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.rest.server.IServerAddressStrategy;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.env.Environment;

/**
 * The base URL in every link the service writes ({@code self}, {@code next}, {@code fullUrl}, {@code Location}): the
 * configured public URL ({@code careplan.base-url}), else {@code http://localhost:<port>/fhir} for a service on a
 * laptop. Never the request's {@code Host} or {@code X-Forwarded-*} headers: a link built from them sends the
 * client, and its token, wherever the caller said. Read on each request, because a test's random port is known only
 * after start-up.
 */
final class TrustedBaseUrl implements IServerAddressStrategy {

    private final PublicBaseUrl baseUrl;
    private final Environment environment;

    TrustedBaseUrl(PublicBaseUrl baseUrl, Environment environment) {
        this.baseUrl = baseUrl;
        this.environment = environment;
    }

    @Override
    public String determineServerBase(ServletContext servletContext, HttpServletRequest request) {
        return baseUrl.configured()
                .orElseGet(() -> "http://localhost:" + environment.getProperty("local.server.port", "8080") + "/fhir");
    }
}
