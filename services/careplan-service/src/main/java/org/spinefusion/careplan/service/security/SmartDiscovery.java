package org.spinefusion.careplan.service.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code [base]/.well-known/smart-configuration}: the authorization server this service trusts and what it enforces
 * (SMART App Launch 2.2 conformance). Served as a filter because the FHIR servlet owns every path under
 * {@code /fhir}. Always JSON, whatever the Accept header says.
 */
class SmartDiscovery extends OncePerRequestFilter {

    static final List<String> CAPABILITIES = List.of(
            "launch-standalone",
            "client-public",
            "client-confidential-symmetric",
            "client-confidential-asymmetric",
            "context-standalone-patient",
            "permission-patient",
            "permission-user",
            "permission-v1",
            "permission-v2");

    private final byte[] document;

    SmartDiscovery(SecurityProperties properties, ObjectMapper json) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        String issuer =
                properties.mode() == SecurityProperties.Mode.LOCAL_DEV ? LocalDevIssuer.ISSUER : properties.issuerUri();
        putIfPresent(config, "issuer", issuer);
        putIfPresent(config, "jwks_uri", properties.jwkSetUri());
        putIfPresent(config, "authorization_endpoint", properties.authorizationEndpoint());
        putIfPresent(config, "token_endpoint", properties.tokenEndpoint());
        config.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
        config.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt", "client_secret_basic"));
        config.put("token_endpoint_auth_signing_alg_values_supported", properties.algorithms());
        config.put("scopes_supported", scopesSupported());
        config.put("response_types_supported", List.of("code"));
        config.put("code_challenge_methods_supported", List.of("S256"));
        config.put("capabilities", CAPABILITIES);
        this.document = json.writeValueAsBytes(config);
    }

    static List<String> scopesSupported() {
        return List.of(
                "launch/patient",
                "patient/*.rs",
                "patient/*.read",
                "patient/QuestionnaireResponse.c",
                "user/*.rs",
                "user/*.cruds",
                "system/*.rs",
                "system/*.cruds",
                "system/CarePlan.cu",
                SmartAccess.ADMIN_SCOPE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "public, max-age=300");
        response.getOutputStream().write(document);
    }

    private static void putIfPresent(Map<String, Object> config, String name, String value) {
        if (StringUtils.hasText(value)) {
            config.put(name, value);
        }
    }
}
