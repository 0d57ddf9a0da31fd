package org.spinefusion.careplan.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.TestHttp;
import org.spinefusion.careplan.service.support.TestTokens;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every token that is missing, stale, foreign, forged or tampered with gets 401 with WWW-Authenticate. */
@CarePlanIntegrationTest
class JwtNegativeIT {

    @LocalServerPort
    int port;

    static Stream<Arguments> badTokens() {
        return Stream.of(
                bad("expired", () -> TestTokens.builder()
                        .expiresAt(Instant.now().minusSeconds(120))
                        .sign()),
                bad("not yet valid", () -> TestTokens.builder()
                        .notBefore(Instant.now().plusSeconds(600))
                        .sign()),
                bad("without expiry", () -> TestTokens.builder().expiresAt(null).sign()),
                bad("wrong issuer", () -> TestTokens.builder()
                        .issuer("https://evil.example/realms/careplan")
                        .sign()),
                bad("wrong audience", () -> TestTokens.builder()
                        .audience("https://other-server.example/fhir")
                        .sign()),
                bad("alg none", () -> new PlainJWT(TestTokens.builder().claims()).serialize()),
                bad("HS256 signed with the public key as secret", JwtNegativeIT::hmacWithPublicKey),
                bad("unknown kid", () -> TestTokens.builder()
                        .signingKey(TestTokens.newRsaKey("unknown-kid"))
                        .sign()),
                bad("bad signature", () -> TestTokens.builder()
                        .signingKey(TestTokens.newRsaKey("x"))
                        .keyId(TestTokens.rsaKey().getKeyID())
                        .sign()),
                bad("tampered claims", JwtNegativeIT::tampered),
                bad("blank patient claim", () -> TestTokens.builder()
                        .scopes("user/*.rs")
                        .claim("patient", "")
                        .sign()),
                bad("patient claim a number", () -> TestTokens.builder()
                        .scopes("user/*.rs")
                        .claim("patient", 42)
                        .sign()),
                bad("patient claim a path", () -> TestTokens.builder()
                        .scopes("user/*.rs")
                        .claim("patient", "Patient/../x")
                        .sign()),
                bad("garbage", () -> "not.a.jwt"),
                bad("empty bearer", () -> ""));
    }

    private static Arguments bad(String name, Supplier<String> token) {
        return Arguments.of(name, token);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void refusesBadTokenWithUnauthorized(String name, Supplier<String> token) throws Exception {
        assertUnauthorized(new TestHttp(port).withToken(token.get()).get("CarePlan?_count=1"));
    }

    @Test
    void refusesMissingTokenWithUnauthorized() throws Exception {
        assertUnauthorized(new TestHttp(port).withoutToken().get("CarePlan?_count=1"));
    }

    @Test
    void refusesMissingTokenOnOperations() throws Exception {
        assertUnauthorized(new TestHttp(port)
                .withoutToken()
                .post("PlanDefinition/spinal-fusion-pathway/$apply", "application/fhir+json", "{}"));
    }

    @Test
    void acceptsValidRs256AndEs384Tokens() throws Exception {
        assertThat(new TestHttp(port).get("CarePlan?_count=1").statusCode()).isEqualTo(200);
        String es384 = TestTokens.builder().algorithm(JWSAlgorithm.ES384).sign();
        assertThat(new TestHttp(port).withToken(es384).get("CarePlan?_count=1").statusCode())
                .isEqualTo(200);
    }

    @Test
    void refusesUnknownKeyIdsWithoutAFetchForEach() throws Exception {
        assertThat(new TestHttp(port).get("CarePlan?_count=1").statusCode()).isEqualTo(200);
        int before = TestTokens.jwksFetches();
        for (int i = 0; i < 50; i++) {
            String forged = TestTokens.builder()
                    .signingKey(TestTokens.newRsaKey("forged-" + i))
                    .sign();
            assertUnauthorized(new TestHttp(port).withToken(forged).get("CarePlan?_count=1"));
        }
        // Two fetches per rate-limit window; the test may straddle a window's end.
        assertThat(TestTokens.jwksFetches() - before).isLessThanOrEqualTo(4);
        assertThat(new TestHttp(port).get("CarePlan?_count=1").statusCode()).isEqualTo(200);
    }

    @Test
    void servesMetadataAndSmartConfigurationWithoutToken() throws Exception {
        TestHttp anonymous = new TestHttp(port).withoutToken();
        assertThat(anonymous.get("metadata").statusCode()).isEqualTo(200);
        HttpResponse<String> smart = anonymous.get(".well-known/smart-configuration");
        assertThat(smart.statusCode()).isEqualTo(200);
        assertThat(smart.body())
                .contains("\"issuer\":\"" + TestTokens.ISSUER + "\"")
                .contains("permission-v2")
                .contains("S256");
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        OperationOutcome outcome =
                FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);
    }

    private static String hmacWithPublicKey() {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID(TestTokens.rsaKey().getKeyID())
                            .build(),
                    TestTokens.builder().claims());
            jwt.sign(new MACSigner(TestTokens.rsaKey().toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token whose payload is swapped for one granting a patient context it was never given. */
    private static String tampered() {
        String[] parts = TestTokens.system().split("\\.");
        String forged = TestTokens.builder().patient("someone-else").claims().toString();
        return parts[0] + "." + Base64URL.encode(forged) + "." + parts[2];
    }
}
