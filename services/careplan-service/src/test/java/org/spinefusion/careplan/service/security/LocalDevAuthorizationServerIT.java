package org.spinefusion.careplan.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.Fixtures;
import org.spinefusion.careplan.service.support.LocalDevIntegrationTest;
import org.spinefusion.careplan.service.support.LocalDevLogin;
import org.spinefusion.careplan.service.support.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Local-dev mode's own authorization server, over plain HTTP: a SMART standalone launch (authorization code + PKCE)
 * for the patient and the clinician, the patient named beside the token, tokens the resource server accepts and
 * confines, discovery pointing at it, and what it refuses. The start-up system token keeps working beside it.
 */
@LocalDevIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalDevAuthorizationServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "http://127.0.0.1:5173/callback";
    private static final String PATIENT_SCOPES =
            "openid fhirUser launch/patient patient/*.rs patient/QuestionnaireResponse.c";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    ResourceRepository repository;

    String ownPlan;
    String otherPlan;

    @BeforeAll
    void storePlansOfThePatientAndAnother() {
        ownPlan = Fixtures.unique("local-dev-own");
        otherPlan = Fixtures.unique("local-dev-other");
        repository.saveAll(List.of(
                Fixtures.carePlan(ownPlan, "Patient/" + LocalDevIntegrationTest.PATIENT_ID),
                Fixtures.carePlan(otherPlan, "Patient/" + Fixtures.unique("local-dev-pat"))));
    }

    @Test
    void givesThePatientInContextBesideTheTokenAndInIt() throws Exception {
        JsonNode response = new LocalDevLogin(port).tokens(APP, PATIENT_SCOPES, "patient");

        assertThat(response.path("patient").asText()).isEqualTo(LocalDevIntegrationTest.PATIENT_ID);
        assertThat(response.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(scopes(response.path("scope").asText())).containsExactlyInAnyOrderElementsOf(scopes(PATIENT_SCOPES));
        var claims = SignedJWT.parse(response.path("access_token").asText()).getJWTClaimsSet();
        assertThat(claims.getStringClaim("patient")).isEqualTo(LocalDevIntegrationTest.PATIENT_ID);
        assertThat(claims.getIssuer()).isEqualTo(LocalDevIssuer.ISSUER);
        assertThat(claims.getAudience()).containsExactly(LocalDevIssuer.DEFAULT_AUDIENCE);
        var idToken = SignedJWT.parse(response.path("id_token").asText()).getJWTClaimsSet();
        assertThat(idToken.getStringClaim("fhirUser")).isEqualTo("Patient/" + LocalDevIntegrationTest.PATIENT_ID);
    }

    @Test
    void issuesPatientTokensTheResourceServerConfinesToThePatient() throws Exception {
        String token = new LocalDevLogin(port)
                .tokens(APP, PATIENT_SCOPES, "patient")
                .path("access_token")
                .asText();
        TestHttp http = new TestHttp(port).withToken(token);

        assertThat(http.get("CarePlan/" + ownPlan).statusCode()).isEqualTo(200);
        assertThat(http.get("CarePlan/" + otherPlan).statusCode()).isEqualTo(404);
    }

    @Test
    void grantsThePatientNoUserScopesWhateverTheAppAsks() throws Exception {
        JsonNode response = new LocalDevLogin(port).tokens(APP, PATIENT_SCOPES + " user/*.cruds", "patient");

        assertThat(scopes(response.path("scope").asText())).doesNotContain("user/*.cruds");
        var claims = SignedJWT.parse(response.path("access_token").asText()).getJWTClaimsSet();
        assertThat(claims.getStringClaim("scope")).doesNotContain("user/");
    }

    @Test
    void givesTheClinicianUserScopesAndNoPatientContext() throws Exception {
        JsonNode response = new LocalDevLogin(port).tokens(APP, "openid fhirUser user/*.rs patient/*.rs", "clinician");

        assertThat(response.has("patient")).isFalse();
        assertThat(scopes(response.path("scope").asText()))
                .containsExactlyInAnyOrder("openid", "fhirUser", "user/*.rs");
        TestHttp http =
                new TestHttp(port).withToken(response.path("access_token").asText());
        assertThat(http.get("CarePlan/" + otherPlan).statusCode()).isEqualTo(200);
        assertThat(http.post(
                                "QuestionnaireResponse",
                                "application/fhir+json",
                                "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\"}")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void sendsNoCodeToAPageOutsideTheAllowedOrigins() throws Exception {
        LocalDevLogin browser = new LocalDevLogin(port);
        browser.authorize(APP, PATIENT_SCOPES);
        browser.logIn("patient", "patient");
        HttpResponse<String> foreign = browser.authorize("https://evil.example/callback", PATIENT_SCOPES);

        assertThat(LocalDevLogin.location(foreign)).doesNotStartWith("https://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(400);
    }

    @Test
    void refusesTheCodeWithoutItsPkceVerifier() throws Exception {
        LocalDevLogin browser = new LocalDevLogin(port);
        browser.authorize(APP, PATIENT_SCOPES);
        HttpResponse<String> loggedIn = browser.logIn("patient", "patient");
        String code = LocalDevLogin.queryParameter(
                LocalDevLogin.location(browser.get(LocalDevLogin.location(loggedIn))), "code");

        HttpResponse<String> token = browser.exchange(code, APP, "not-the-verifier-" + "x".repeat(40));

        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(token.body()).contains("invalid_grant").doesNotContain("access_token");
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        LocalDevLogin browser = new LocalDevLogin(port);
        browser.authorize(APP, PATIENT_SCOPES);

        HttpResponse<String> refused = browser.logIn("patient", "wrong");

        assertThat(LocalDevLogin.location(refused)).contains("/login?error");
    }

    @Test
    void advertisesItsOwnEndpointsInDiscoveryAsItsMetadataNamesThem() throws Exception {
        TestHttp http = new TestHttp(port).withoutToken();
        JsonNode discovery =
                JSON.readTree(http.get(".well-known/smart-configuration").body());
        JsonNode metadata = JSON.readTree(
                http.send(http.root(".well-known/openid-configuration")).body());

        assertThat(discovery.path("authorization_endpoint").asText())
                .isEqualTo(metadata.path("authorization_endpoint").asText())
                .isEqualTo("http://localhost:" + port + "/oauth2/authorize");
        assertThat(discovery.path("token_endpoint").asText())
                .isEqualTo(metadata.path("token_endpoint").asText());
        assertThat(discovery.path("jwks_uri").asText())
                .isEqualTo(metadata.path("jwks_uri").asText());
        assertThat(discovery.path("issuer").asText())
                .isEqualTo(metadata.path("issuer").asText());
        assertThat(strings(discovery.path("capabilities")))
                .contains("launch-standalone", "client-public", "context-standalone-patient")
                .doesNotContain("client-confidential-asymmetric");
        assertThat(strings(discovery.path("grant_types_supported"))).containsExactly("authorization_code");
    }

    @Test
    void publishesThePublicHalfOfItsKeyOnly() throws Exception {
        JsonNode keys = JSON.readTree(new LocalDevLogin(port)
                        .get("http://localhost:" + port + "/oauth2/jwks")
                        .body())
                .path("keys");

        assertThat(keys).hasSize(1);
        assertThat(keys.path(0).path("kid").asText()).isEqualTo("local-dev");
        assertThat(keys.path(0).has("n")).isTrue();
        assertThat(keys.path(0).has("d")).as("private exponent").isFalse();
        assertThat(keys.path(0).has("p")).as("private prime").isFalse();
    }

    @Test
    void namesItsEndpointsInTheCapabilityStatement() throws Exception {
        JsonNode security = JSON.readTree(
                        new TestHttp(port).withoutToken().get("metadata").body())
                .path("rest")
                .path(0)
                .path("security");
        List<String> uris = new ArrayList<>();
        security.path("extension").forEach(extension -> extension
                .path("extension")
                .forEach(uri -> uris.add(
                        uri.path("url").asText() + " " + uri.path("valueUri").asText())));

        assertThat(security.path("cors").asBoolean()).isTrue();
        // HAPI keeps the statement a while, so it may name the host of an earlier request.
        assertThat(uris).anyMatch(uri -> uri.startsWith("authorize http") && uri.endsWith("/oauth2/authorize"));
        assertThat(uris).anyMatch(uri -> uri.startsWith("token http") && uri.endsWith("/oauth2/token"));
    }

    @Test
    void answersTheTokenEndpointsPreflightFromALocalOrigin() throws Exception {
        HttpResponse<String> preflight = new TestHttp(port)
                .withoutToken()
                .send(new TestHttp(port)
                        .withoutToken()
                        .root("oauth2/token")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "http://127.0.0.1:5173")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type"));

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("http://127.0.0.1:5173");
    }

    @Test
    void servesItsLoginPageWithItsStyleOnTheApplicationPortOnly() throws Exception {
        LocalDevLogin browser = new LocalDevLogin(port);
        HttpResponse<String> management =
                new LocalDevLogin(managementPort).get("http://localhost:" + managementPort + "/login");

        assertThat(browser.get("http://localhost:" + port + "/login").body()).contains("<form");
        assertThat(browser.get("http://localhost:" + port + "/default-ui.css").statusCode())
                .isEqualTo(200);
        assertThat(management.statusCode()).isEqualTo(401);
        assertThat(management.body()).doesNotContain("<form");
    }

    @Test
    void keepsTheStartUpSystemToken() throws Exception {
        TestHttp http = new TestHttp(port).withToken(LocalDevLogin.systemToken());

        assertThat(http.get("CarePlan/" + otherPlan).statusCode()).isEqualTo(200);
        assertThat(URI.create(LocalDevLogin.location(new LocalDevLogin(port).authorize(APP, "openid")))
                        .getPath())
                .isEqualTo("/login");
    }

    private static List<String> scopes(String scope) {
        return Arrays.asList(scope.trim().split(" "));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
