package org.spinefusion.careplan.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.delivery.endpoints.EndpointSettings;
import org.spinefusion.careplan.service.delivery.send.AccessTokens;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** SMART Backend Services: the EHR's token endpoint checks our client assertions; a 401 refreshes the token once. */
@DeliveryIntegrationTest
class DeliveryAuthIT {

    static final String CLIENT = "careplan-service";
    static TestEhr ehr;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ResourceRepository repository;

    @Autowired
    AccessTokens tokens;

    @BeforeAll
    static void startEhr() throws Exception {
        ehr = TestEhr.withSmartAuth();
    }

    @AfterAll
    static void stopEhr() throws Exception {
        ehr.close();
    }

    @BeforeEach
    void trustOurJwks() {
        ehr.auth.client(CLIENT, "http://localhost:" + port + "/.well-known/jwks.json");
    }

    @Test
    void publishesAnRs384AndAnEs384KeyWithTheirAlgorithms() throws Exception {
        JWKSet published = JWKSet.load(URI.create("http://localhost:" + port + "/.well-known/jwks.json")
                .toURL());
        assertThat(published.getKeys())
                .extracting(k -> k.getAlgorithm().getName())
                .containsExactlyInAnyOrder("RS384", "ES384");
        assertThat(published.getKeys()).noneMatch(k -> k.isPrivate());
    }

    @Test
    void deliversWithTokensFromBothAlgorithmsAndRecoversAfterTheEhrRevokesThem() {
        Deliveries deliveries = new Deliveries(port, jdbc);
        for (String algorithm : List.of("RS384", "ES384")) {
            String patient = "Patient/" + Fixtures.unique("pat");
            String endpoint = Fixtures.unique("smart");
            deliveries.register(endpoint, ehr, patient, EndpointSettings.SMART_BACKEND, algorithm, null);
            repository.saveAll(Deliveries.messages(Fixtures.unique("m"), patient, 3, false));
            Deliveries.await(
                    Duration.ofSeconds(15),
                    () -> deliveries.count(endpoint, "delivered") == 3,
                    () -> deliveries.states(endpoint));

            ehr.auth.revokeAll();
            int unauthorizedBefore = ehr.auth.unauthorized.get();
            repository.saveAll(Deliveries.messages(Fixtures.unique("m"), patient, 2, false));
            Deliveries.await(
                    Duration.ofSeconds(15),
                    () -> deliveries.count(endpoint, "delivered") == 5,
                    () -> deliveries.states(endpoint));
            assertThat(ehr.auth.unauthorized.get()).isGreaterThan(unauthorizedBefore);
        }
        assertThat(ehr.auth.rejected.get()).isZero();
    }

    @Test
    void tokenEndpointRejectsAssertionsWithAForeignKeyWrongAudienceExpiryOrReplayedJti() throws Exception {
        EndpointSettings settings = new EndpointSettings(
                "probe",
                ehr.baseUrl(),
                EndpointSettings.SMART_BACKEND,
                CLIENT,
                "RS384",
                null,
                List.of(),
                List.of(),
                null,
                null);
        String type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
        String good = tokens.assertion(settings, ehr.auth.tokenUrl());
        assertThat(ehr.auth.check(type, good)).isNull();
        assertThat(ehr.auth.check(type, good)).isEqualTo("jti");
        assertThat(ehr.auth.check(type, tokens.assertion(settings, ehr.auth.tokenUrl() + "/other")))
                .isEqualTo("aud");
        RSAKey foreign = new RSAKeyGenerator(2048)
                .keyID(published().getKeys().stream()
                        .filter(k -> k.getAlgorithm().getName().equals("RS384"))
                        .findFirst()
                        .orElseThrow()
                        .getKeyID())
                .generate();
        assertThat(ehr.auth.check(
                        type, signed(foreign, ehr.auth.tokenUrl(), Instant.now().plusSeconds(60))))
                .isIn("signature", "kid");
        RSAKey ours = RSAKey.parse(jdbc.sql("select jwk from delivery_signing_key where alg = 'RS384'")
                .query(String.class)
                .single());
        assertThat(ehr.auth.check(
                        type, signed(ours, ehr.auth.tokenUrl(), Instant.now().minusSeconds(10))))
                .isEqualTo("exp");
        assertThat(ehr.auth.check(
                        type, signed(ours, ehr.auth.tokenUrl(), Instant.now().plusSeconds(3600))))
                .isEqualTo("exp");
        assertThat(ehr.auth.check(
                        type, signed(ours, ehr.auth.tokenUrl(), Instant.now().plusSeconds(60))))
                .isNull();
        assertThat(ehr.auth.check("urn:wrong", good)).isEqualTo("client_assertion_type");
    }

    private JWKSet published() throws Exception {
        return JWKSet.load(URI.create("http://localhost:" + port + "/.well-known/jwks.json")
                .toURL());
    }

    private static String signed(RSAKey key, String audience, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS384)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(CLIENT)
                        .subject(CLIENT)
                        .audience(audience)
                        .jwtID(UUID.randomUUID().toString())
                        .expirationTime(Date.from(expires))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
