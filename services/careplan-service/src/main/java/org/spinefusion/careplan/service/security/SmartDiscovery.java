package org.spinefusion.careplan.service.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code [base]/.well-known/smart-configuration}: the authorization server this service trusts and what it enforces
 * (SMART App Launch 2.2 conformance). Endpoints come from {@link AuthorizationServer}; a launch capability is claimed
 * only when the endpoints it needs are known, so an app is never sent to an authorization step that does not exist.
 * Served as a filter because the FHIR servlet owns every path under {@code /fhir}. Always JSON, whatever the Accept
 * header says.
 */
class SmartDiscovery extends OncePerRequestFilter {

    /** What the resource server enforces whoever issues the tokens. */
    static final List<String> PERMISSIONS =
            List.of("permission-patient", "permission-user", "permission-v1", "permission-v2");

    /** Needs a token endpoint. */
    static final List<String> TOKEN_CLIENTS =
            List.of("client-confidential-symmetric", "client-confidential-asymmetric");

    /** Needs an authorization endpoint and a token endpoint. */
    static final List<String> STANDALONE_LAUNCH =
            List.of("launch-standalone", "client-public", "context-standalone-patient");

    private final SecurityProperties properties;
    private final AuthorizationServer server;
    private final ObjectMapper json;

    SmartDiscovery(SecurityProperties properties, AuthorizationServer server, ObjectMapper json) {
        this.properties = properties;
        this.server = server;
        this.json = json;
    }

    Map<String, Object> document() {
        Map<String, Object> config = new LinkedHashMap<>();
        Optional<String> authorization = server.authorizationEndpoint();
        Optional<String> token = server.tokenEndpoint();
        server.issuer().ifPresent(issuer -> config.put("issuer", issuer));
        server.jwksUri().ifPresent(uri -> config.put("jwks_uri", uri));
        authorization.ifPresent(uri -> config.put("authorization_endpoint", uri));
        token.ifPresent(uri -> config.put("token_endpoint", uri));
        server.published("revocation_endpoint").ifPresent(uri -> config.put("revocation_endpoint", uri));
        server.published("introspection_endpoint").ifPresent(uri -> config.put("introspection_endpoint", uri));
        List<String> capabilities = new ArrayList<>();
        if (token.isPresent()) {
            List<String> grants = new ArrayList<>();
            if (authorization.isPresent()) {
                grants.add("authorization_code");
                capabilities.addAll(STANDALONE_LAUNCH);
                config.put("response_types_supported", List.of("code"));
                config.put("code_challenge_methods_supported", List.of("S256"));
            }
            if (server.inProcess()) {
                // Local-dev's own authorization server has one public client and no backend clients.
                config.put("grant_types_supported", grants);
                config.put("token_endpoint_auth_methods_supported", List.of("none"));
            } else {
                grants.add("client_credentials");
                capabilities.addAll(TOKEN_CLIENTS);
                config.put("grant_types_supported", grants);
                config.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt", "client_secret_basic"));
                config.put("token_endpoint_auth_signing_alg_values_supported", properties.algorithms());
            }
        }
        config.put("scopes_supported", server.inProcess() ? LocalDevUsers.offered() : scopesSupported());
        capabilities.addAll(PERMISSIONS);
        config.put("capabilities", capabilities);
        return config;
    }

    /** The scopes the shipped realm (deploy/keycloak) offers, and which the resource server honours. */
    static List<String> scopesSupported() {
        return List.of(
                "openid",
                "fhirUser",
                "launch",
                "launch/patient",
                "patient/*.rs",
                "patient/*.read",
                "patient/QuestionnaireResponse.c",
                "user/*.rs",
                "user/*.cruds",
                "user/Task.u",
                "system/*.rs",
                "system/*.cruds",
                "system/CarePlan.cu",
                SmartAccess.ADMIN_SCOPE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        byte[] body = json.writeValueAsBytes(document());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "public, max-age=300");
        response.getOutputStream().write(body);
    }
}
