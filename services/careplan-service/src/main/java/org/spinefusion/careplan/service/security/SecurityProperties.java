package org.spinefusion.careplan.service.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param mode {@code authorization-server}: tokens from the configured issuer; {@code local-dev}: the service makes its
 *     own key and prints a token at start-up, for a laptop only
 * @param issuerUri the authorization server's issuer; tokens must carry exactly this {@code iss}
 * @param jwkSetUri where the issuer publishes its signing keys; empty: discovered from the issuer
 * @param audience the {@code aud} tokens must carry; empty: the public FHIR base URL ({@code careplan.base-url})
 * @param algorithms signature algorithms accepted (asymmetric only)
 * @param clockSkew tolerance for {@code exp} and {@code nbf}
 * @param authorizationEndpoint published in .well-known/smart-configuration
 * @param tokenEndpoint published in .well-known/smart-configuration
 * @param limits what a request body may be
 * @param cors which browser origins may call the API (SMART apps running in a browser); in local-dev mode, when none
 *     are configured, {@link #LOCAL_DEV_ORIGINS}
 * @param localDevTokenFile in local-dev mode, where the start-up token is also written (readable by the owner only),
 *     so a script can pick it up instead of reading the log
 * @param localDevPatient in local-dev mode, the patient the {@code patient} user of the in-process authorization
 *     server is ({@link LocalDevUsers})
 */
@ConfigurationProperties("careplan.security")
record SecurityProperties(
        @DefaultValue("authorization-server") Mode mode,
        String issuerUri,
        String jwkSetUri,
        String audience,
        @DefaultValue({"RS256", "RS384", "ES256", "ES384"}) List<String> algorithms,
        @DefaultValue("30s") Duration clockSkew,
        String authorizationEndpoint,
        String tokenEndpoint,
        @DefaultValue Limits limits,
        @DefaultValue Cors cors,
        @DefaultValue("./data/local-dev-token") String localDevTokenFile,
        @DefaultValue("example") String localDevPatient) {

    /** Local-dev without configured origins: browser apps on this machine, any port. */
    static final List<String> LOCAL_DEV_ORIGINS = List.of("http://localhost:[*]", "http://127.0.0.1:[*]");

    SecurityProperties {
        if (mode == Mode.LOCAL_DEV && cors != null && !cors.enabled()) {
            cors = new Cors(LOCAL_DEV_ORIGINS, cors.maxAge());
        }
    }

    enum Mode {
        AUTHORIZATION_SERVER,
        LOCAL_DEV
    }

    /**
     * @param allowedOrigins origins ({@code https://app.example.org}, or patterns such as {@code https://*.example.org} or
     *     {@code http://localhost:[*]} for any port)
     *     whose scripts may call the API; empty: no cross-origin access at all
     * @param maxAge how long a browser may cache a preflight answer
     */
    record Cors(List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {

        Cors {
            allowedOrigins = allowedOrigins == null
                    ? List.of()
                    : allowedOrigins.stream()
                            .map(String::trim)
                            .filter(origin -> !origin.isEmpty())
                            .toList();
        }

        boolean enabled() {
            return !allowedOrigins.isEmpty();
        }
    }

    /**
     * @param maxRequestBody bodies larger than this are refused with 413 before parsing
     * @param maxJsonDepth deepest nesting of JSON objects and arrays accepted
     * @param maxBundleEntries most entries in any Bundle of a request
     * @param maxStringLength longest single value (string, narrative, base64) in a request
     * @param maxNameLength longest JSON property name
     * @param maxNumberLength most digits of a number, as written and as written out (exponent included)
     * @param maxBodyReadTime longest a request body may take to arrive; slower ones get 408 and a closed connection
     */
    record Limits(
            @DefaultValue("1MB") DataSize maxRequestBody,
            @DefaultValue("64") int maxJsonDepth,
            @DefaultValue("1000") int maxBundleEntries,
            @DefaultValue("262144") int maxStringLength,
            @DefaultValue("256") int maxNameLength,
            @DefaultValue("64") int maxNumberLength,
            @DefaultValue("10s") Duration maxBodyReadTime) {}
}
