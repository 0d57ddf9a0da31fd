package org.spinefusion.careplan.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinefusion.careplan.service.support.Fixtures.carePlan;
import static org.spinefusion.careplan.service.support.Fixtures.unique;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.KeycloakIntegrationTest;
import org.spinefusion.careplan.service.support.KeycloakTokens;
import org.spinefusion.careplan.service.support.TestHttp;
import org.spinefusion.careplan.service.support.TestKeycloak;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The shipped realm and the service agree: tokens Keycloak issues from deploy/keycloak are accepted with the scopes
 * they carry and refused beyond them, a patient's standalone launch (authorization code + PKCE) confines the app to
 * that patient, and discovery sends apps to Keycloak's own endpoints.
 */
@KeycloakIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakRealmIT {

    private static final String PARAMETERS =
            "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"text\",\"valueString\":\"hi\"}]}";

    @LocalServerPort
    int port;

    final String ownPlan = unique("kc-own");
    final String otherPlan = unique("kc-other");
    final String otherPatient = unique("kc-pat-other");

    @Autowired
    ResourceRepository repository;

    @BeforeAll
    void storePlansOfThePatientAndOfSomeoneElse() {
        repository.saveAll(List.of(
                carePlan(ownPlan, "Patient/" + TestKeycloak.PATIENT_ID),
                carePlan(otherPlan, "Patient/" + otherPatient)));
    }

    @Test
    void acceptsBackendTokenWithinItsScopesAndRefusesBeyondThem() throws Exception {
        JsonNode response = KeycloakTokens.clientCredentials("system/*.rs");
        String token = response.path("access_token").asText();
        JsonNode claims = KeycloakTokens.claims(token);

        assertThat(claims.path("iss").asText()).isEqualTo(TestKeycloak.issuer());
        assertThat(claims.path("aud").toString()).contains(TestKeycloak.AUDIENCE);
        assertThat(response.path("scope").asText().split(" ")).contains("system/*.rs");
        TestHttp http = new TestHttp(port).withToken(token);
        assertThat(http.get("CarePlan/" + ownPlan).statusCode()).isEqualTo(200);
        assertThat(http.post(
                                "PlanDefinition/spinal-fusion-pathway/$apply",
                                "application/fhir+json",
                                "{\"resourceType\":\"Parameters\"}")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void refusesBackendTokenWithoutSmartScopes() throws Exception {
        String token = KeycloakTokens.backendToken(null);

        assertThat(KeycloakTokens.claims(token).path("scope").asText()).doesNotContain("system/");
        assertThat(new TestHttp(port)
                        .withToken(token)
                        .get("CarePlan/" + ownPlan)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void grantsAdministrationOnlyWithTheAdminScope() throws Exception {
        String admin = KeycloakTokens.backendToken("system/careplan.admin");
        String writer = KeycloakTokens.backendToken("system/*.cruds");

        assertThat(new TestHttp(port)
                        .withToken(admin)
                        .post("$test-echo", "application/fhir+json", PARAMETERS)
                        .statusCode())
                .isEqualTo(200);
        assertThat(new TestHttp(port)
                        .withToken(writer)
                        .post("$test-echo", "application/fhir+json", PARAMETERS)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void confinesAPatientsStandaloneLaunchToThatPatient() throws Exception {
        JsonNode response = KeycloakTokens.authorizationCode(
                TestKeycloak.PATIENT_USER, "patient", "openid fhirUser launch/patient patient/*.rs");
        String token = response.path("access_token").asText();

        // Beside the tokens, where SMART apps read the launch context, and inside the access token, which the
        // service enforces.
        assertThat(response.path("patient").asText()).isEqualTo(TestKeycloak.PATIENT_ID);
        assertThat(KeycloakTokens.claims(token).path("patient").asText()).isEqualTo(TestKeycloak.PATIENT_ID);
        assertThat(KeycloakTokens.claims(response.path("id_token").asText())
                        .path("fhirUser")
                        .asText())
                .isEqualTo("Patient/" + TestKeycloak.PATIENT_ID);
        TestHttp http = new TestHttp(port).withToken(token);
        assertThat(http.get("CarePlan/" + ownPlan).statusCode()).isEqualTo(200);
        assertThat(http.get("CarePlan/" + otherPlan).statusCode()).isEqualTo(404);
        HttpResponse<String> search = http.get("CarePlan?_count=200");
        assertThat(search.statusCode()).isEqualTo(200);
        Bundle plans = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, search.body());
        List<String> subjects = plans.getEntry().stream()
                .map(e -> ((org.hl7.fhir.r4.model.CarePlan) e.getResource())
                        .getSubject()
                        .getReference())
                .distinct()
                .toList();
        assertThat(subjects).containsExactly("Patient/" + TestKeycloak.PATIENT_ID);
    }

    @Test
    void refusesAPatientTokenWritingBeyondItsScopes() throws Exception {
        String token = KeycloakTokens.authorizationCode(
                        TestKeycloak.PATIENT_USER, "patient", "openid launch/patient patient/*.rs")
                .path("access_token")
                .asText();

        assertThat(new TestHttp(port)
                        .withToken(token)
                        .post(
                                "QuestionnaireResponse",
                                "application/fhir+json",
                                "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\",\"subject\":"
                                        + "{\"reference\":\"Patient/" + TestKeycloak.PATIENT_ID + "\"}}")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void sendsAppsToTheIssuersOwnEndpoints() throws Exception {
        HttpResponse<String> smart = new TestHttp(port).withoutToken().get(".well-known/smart-configuration");
        JsonNode discovery = new ObjectMapper().readTree(smart.body());

        assertThat(discovery.path("issuer").asText()).isEqualTo(TestKeycloak.issuer());
        assertThat(discovery.path("authorization_endpoint").asText()).isEqualTo(TestKeycloak.authorizationEndpoint());
        assertThat(discovery.path("token_endpoint").asText()).isEqualTo(TestKeycloak.tokenEndpoint());
        assertThat(discovery.path("jwks_uri").asText()).startsWith(TestKeycloak.issuer());
        assertThat(discovery.path("capabilities").toString()).contains("launch-standalone");
    }
}
