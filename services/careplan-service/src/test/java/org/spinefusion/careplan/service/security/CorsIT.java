package org.spinefusion.careplan.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.TestHttp;
import org.spinefusion.careplan.service.support.TestSecurity;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A SMART app in a browser, from its own origin: its preflight is answered without a token, its calls carry the CORS
 * headers a browser needs to hand the response (and the headers apps read) to the script; other origins get none.
 */
@CarePlanIntegrationTest
class CorsIT {

    private static final String OTHER_ORIGIN = "https://evil.example";

    @LocalServerPort
    int port;

    @Test
    void answersPreflightFromAllowedOriginWithoutToken() throws Exception {
        HttpResponse<String> preflight = preflight(TestSecurity.APP_ORIGIN, "POST", "authorization,content-type");

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(TestSecurity.APP_ORIGIN);
        assertThat(list(preflight, "Access-Control-Allow-Methods")).contains("post");
        assertThat(list(preflight, "Access-Control-Allow-Headers")).contains("authorization", "content-type");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
    }

    @Test
    void refusesPreflightFromOtherOrigin() throws Exception {
        HttpResponse<String> preflight = preflight(OTHER_ORIGIN, "GET", "authorization");

        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    @Test
    void exposesTheHeadersAppsReadOnAnAuthorizedCall() throws Exception {
        HttpResponse<String> read = new TestHttp(port)
                .send(new TestHttp(port).fhir("Questionnaire?_count=1").header("Origin", TestSecurity.APP_ORIGIN));

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue(TestSecurity.APP_ORIGIN);
        assertThat(list(read, "Access-Control-Expose-Headers"))
                .contains("location", "etag", "content-location", "last-modified");
    }

    @Test
    void letsTheAppReadWhyItsTokenWasRefused() throws Exception {
        HttpResponse<String> refused = new TestHttp(port)
                .withoutToken()
                .send(new TestHttp(port).withoutToken().fhir("CarePlan").header("Origin", TestSecurity.APP_ORIGIN));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue(TestSecurity.APP_ORIGIN);
        assertThat(list(refused, "Access-Control-Expose-Headers")).contains("www-authenticate");
    }

    @Test
    void givesOtherOriginsNoAccessToResponses() throws Exception {
        HttpResponse<String> read = new TestHttp(port)
                .send(new TestHttp(port).fhir("Questionnaire?_count=1").header("Origin", OTHER_ORIGIN));

        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void servesDiscoveryAndMetadataCrossOriginAndSaysSo() throws Exception {
        TestHttp anonymous = new TestHttp(port).withoutToken();
        HttpResponse<String> smart = anonymous.send(
                anonymous.fhir(".well-known/smart-configuration").header("Origin", TestSecurity.APP_ORIGIN));
        HttpResponse<String> metadata =
                anonymous.send(anonymous.fhir("metadata").header("Origin", TestSecurity.APP_ORIGIN));

        assertThat(smart.headers().firstValue("Access-Control-Allow-Origin")).hasValue(TestSecurity.APP_ORIGIN);
        assertThat(metadata.headers().firstValue("Access-Control-Allow-Origin")).hasValue(TestSecurity.APP_ORIGIN);
        CapabilityStatement capabilities =
                FhirContext.forR4Cached().newJsonParser().parseResource(CapabilityStatement.class, metadata.body());
        assertThat(capabilities.getRestFirstRep().getSecurity().getCors()).isTrue();
    }

    private HttpResponse<String> preflight(String origin, String method, String headers) throws Exception {
        TestHttp anonymous = new TestHttp(port).withoutToken();
        return anonymous.send(anonymous
                .fhir("CarePlan")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers));
    }

    private static List<String> list(HttpResponse<String> response, String header) {
        return response.headers().allValues(header).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(value -> value.trim().toLowerCase())
                .toList();
    }
}
