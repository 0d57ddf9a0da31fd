package org.spinefusion.careplan.service.security;

import java.util.List;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * Cross-origin access for SMART apps in a browser. Preflights are answered by Spring Security's CORS filter before
 * authentication (a browser never sends a token with a preflight); the actual request still needs its bearer token.
 * No cookies are involved, so credentials stay off and {@code *} is a valid origin for a public API.
 */
final class CorsPolicy {

    /** What FHIR clients send beyond the CORS-safelisted headers. */
    static final List<String> ALLOWED_HEADERS = List.of(
            "Authorization",
            "Content-Type",
            "Accept",
            "Prefer",
            "If-Match",
            "If-None-Match",
            "If-None-Exist",
            "If-Modified-Since",
            "X-Request-Id");

    /** What apps read from responses: where a created resource is, its version, and why a token was refused. */
    static final List<String> EXPOSED_HEADERS =
            List.of("Location", "Content-Location", "ETag", "Last-Modified", "WWW-Authenticate", "X-Request-Id");

    private CorsPolicy() {}

    /**
     * The local-dev authorization server's endpoints that a browser app calls with fetch: the token endpoint and the
     * metadata and keys (the authorization endpoint is a page the browser navigates to, no CORS involved).
     */
    static CorsConfigurationSource authorizationServerSource(SecurityProperties.Cors cors) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOriginPatterns(cors.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "POST"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept"));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(cors.maxAge());
        return request -> request.getRequestURI().equals(LocalDevAuthorizationServer.LOGIN_PATH)
                        || request.getRequestURI().equals(LocalDevAuthorizationServer.AUTHORIZATION_PATH)
                ? null
                : configuration;
    }

    static CorsConfigurationSource source(SecurityProperties.Cors cors) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOriginPatterns(cors.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        configuration.setAllowedHeaders(ALLOWED_HEADERS);
        configuration.setExposedHeaders(EXPOSED_HEADERS);
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(cors.maxAge());
        // By the full request URI: the FHIR servlet is mapped at /fhir/*, so a servlet-relative lookup would miss it.
        return request -> request.getRequestURI().equals("/fhir")
                        || request.getRequestURI().startsWith("/fhir/")
                ? configuration
                : null;
    }
}
