package org.spinefusion.careplan.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class SmartDiscoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pointsAtTheServicesOwnAuthorizationServerInLocalDev() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/.well-known/smart-configuration");
        request.setServerName("127.0.0.1");
        request.setServerPort(8080);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        try {
            Map<String, Object> document = discovery(SecurityProperties.Mode.LOCAL_DEV, null, null, null);

            assertThat(document)
                    .containsEntry("issuer", "http://127.0.0.1:8080")
                    .containsEntry("authorization_endpoint", "http://127.0.0.1:8080/oauth2/authorize")
                    .containsEntry("token_endpoint", "http://127.0.0.1:8080/oauth2/token")
                    .containsEntry("grant_types_supported", List.of("authorization_code"))
                    .containsEntry("token_endpoint_auth_methods_supported", List.of("none"));
            assertThat(capabilities(document)).contains("launch-standalone", "client-public", "permission-v2");
            assertThat(capabilities(document)).doesNotContain("client-confidential-asymmetric");
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }

    @Test
    void claimsStandaloneLaunchWhenBothEndpointsAreKnown() {
        Map<String, Object> document = discovery(
                SecurityProperties.Mode.AUTHORIZATION_SERVER,
                "http://127.0.0.1:1/realms/x",
                "https://auth.example/authorize",
                "https://auth.example/token");

        assertThat(document)
                .containsEntry("authorization_endpoint", "https://auth.example/authorize")
                .containsEntry("token_endpoint", "https://auth.example/token")
                .containsEntry("code_challenge_methods_supported", List.of("S256"));
        assertThat(capabilities(document)).contains("launch-standalone", "context-standalone-patient");
    }

    @Test
    void claimsOnlyBackendClientsWithATokenEndpointAlone() {
        Map<String, Object> document = discovery(
                SecurityProperties.Mode.AUTHORIZATION_SERVER,
                "http://127.0.0.1:1/realms/x",
                null,
                "https://auth.example/token");

        assertThat(capabilities(document)).contains("client-confidential-asymmetric");
        assertThat(capabilities(document)).doesNotContain("launch-standalone");
        assertThat(document).containsEntry("grant_types_supported", List.of("client_credentials"));
    }

    @Test
    void offersExactlyTheScopesOfTheShippedRealm() throws Exception {
        JsonNode realm = JSON.readTree(new File("../../deploy/keycloak/careplan-realm.json"));
        List<String> realmScopes = new ArrayList<>(List.of("openid"));
        realm.path("clientScopes")
                .forEach(scope -> realmScopes.add(scope.path("name").asText()));
        realmScopes.remove("basic");

        assertThat(SmartDiscovery.scopesSupported()).containsExactlyInAnyOrderElementsOf(realmScopes);
    }

    @SuppressWarnings("unchecked")
    private static List<String> capabilities(Map<String, Object> document) {
        return (List<String>) document.get("capabilities");
    }

    private static Map<String, Object> discovery(
            SecurityProperties.Mode mode, String issuer, String authorization, String token) {
        SecurityProperties properties = new SecurityProperties(
                mode,
                issuer,
                null,
                null,
                List.of("RS256"),
                Duration.ofSeconds(30),
                authorization,
                token,
                new SecurityProperties.Limits(
                        DataSize.ofMegabytes(1), 64, 1000, 262144, 256, 64, Duration.ofSeconds(10)),
                new SecurityProperties.Cors(List.of(), Duration.ofHours(1)),
                "unused",
                "example");
        return new SmartDiscovery(properties, new AuthorizationServer(properties, JSON), JSON).document();
    }
}
