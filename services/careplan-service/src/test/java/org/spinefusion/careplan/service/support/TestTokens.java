package org.spinefusion.careplan.service.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Real signed SMART access tokens for tests. The keys live for one JVM; their public halves are served as a JWKS by
 * an in-process HTTP server, so the service under test fetches them exactly as it would from an authorization server.
 */
public final class TestTokens {

    public static final String ISSUER = "https://auth.careplan.test/realms/careplan";
    public static final String AUDIENCE = "https://careplan.test/fhir";
    public static final String ADMIN_SCOPE = "system/careplan.admin";
    /** What the default test client carries: every interaction on every type, plus administration. */
    public static final String FULL_SYSTEM_SCOPES = "system/*.cruds " + ADMIN_SCOPE;

    private TestTokens() {}

    /** A system-level token with full scopes, valid for two hours. */
    public static String system() {
        return builder().scopes(FULL_SYSTEM_SCOPES).sign();
    }

    /** A token for one patient, carrying the given scopes. */
    public static String patient(String patientId, String scopes) {
        return builder().patient(patientId).scopes(scopes).sign();
    }

    public static String withScopes(String scopes) {
        return builder().scopes(scopes).sign();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How many times the test JWKS has been fetched, by any service under test in this JVM. */
    public static int jwksFetches() {
        return Keys.FETCHES.get();
    }

    public static String jwksUri() {
        return Keys.JWKS_URI;
    }

    /** The RSA signing key the JWKS publishes (private half included, for tests that forge tokens). */
    public static RSAKey rsaKey() {
        return Keys.RSA;
    }

    public static ECKey ecKey() {
        return Keys.EC;
    }

    /** A freshly signed token; every field has a valid default. */
    public static final class Builder {
        private String subject = "test-client";
        private String clientId = "test-client";
        private String scopes = FULL_SYSTEM_SCOPES;
        private String patient;
        private String issuer = ISSUER;
        private List<String> audience = List.of(AUDIENCE);
        private Instant issuedAt = Instant.now().minusSeconds(5);
        private Instant notBefore;
        private Instant expiresAt = Instant.now().plus(Duration.ofHours(2));
        private JWSAlgorithm algorithm = JWSAlgorithm.RS256;
        private JWK key = Keys.RSA;
        private String keyId;
        private final Map<String, Object> extra = new LinkedHashMap<>();

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder scopes(String scopes) {
            this.scopes = scopes;
            return this;
        }

        public Builder patient(String patient) {
            this.patient = patient;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String... audience) {
            this.audience = List.of(audience);
            return this;
        }

        public Builder notBefore(Instant notBefore) {
            this.notBefore = notBefore;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder claim(String name, Object value) {
            extra.put(name, value);
            return this;
        }

        /** RS* algorithms sign with the RSA key, ES* with the EC key. */
        public Builder algorithm(JWSAlgorithm algorithm) {
            this.algorithm = algorithm;
            this.key = JWSAlgorithm.Family.EC.contains(algorithm) ? Keys.EC : Keys.RSA;
            return this;
        }

        /** Signs with a key the JWKS does not publish (its kid is still the published one unless changed). */
        public Builder signingKey(JWK key) {
            this.key = key;
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public JWTClaimsSet claims() {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .jwtID(UUID.randomUUID().toString())
                    .subject(subject)
                    .issuer(issuer)
                    .audience(audience)
                    .issueTime(Date.from(issuedAt))
                    .claim("client_id", clientId);
            if (expiresAt != null) {
                claims.expirationTime(Date.from(expiresAt));
            }
            if (notBefore != null) {
                claims.notBeforeTime(Date.from(notBefore));
            }
            if (scopes != null) {
                claims.claim("scope", scopes);
            }
            if (patient != null) {
                claims.claim("patient", patient);
            }
            extra.forEach(claims::claim);
            return claims.build();
        }

        public String sign() {
            try {
                JWSHeader header = new JWSHeader.Builder(algorithm)
                        .type(JOSEObjectType.JWT)
                        .keyID(keyId != null ? keyId : key.getKeyID())
                        .build();
                SignedJWT jwt = new SignedJWT(header, claims());
                JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
                jwt.sign(signer);
                return jwt.serialize();
            } catch (Exception e) {
                throw new IllegalStateException("Could not sign a test token", e);
            }
        }
    }

    public static RSAKey newRsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Keys {
        static final java.util.concurrent.atomic.AtomicInteger FETCHES =
                new java.util.concurrent.atomic.AtomicInteger();
        static final RSAKey RSA = newRsaKey("test-rsa-1");
        static final ECKey EC = newEcKey();
        static final String JWKS_URI = serveJwks(new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK())));

        private static ECKey newEcKey() {
            try {
                return new ECKeyGenerator(Curve.P_384).keyID("test-ec-1").generate();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static String serveJwks(JWKSet keys) {
            byte[] body = keys.toString(true).getBytes(StandardCharsets.UTF_8);
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/jwks", exchange -> {
                    FETCHES.incrementAndGet();
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
                return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
            } catch (IOException e) {
                throw new UncheckedIOException("Could not serve the test JWKS", e);
            }
        }
    }
}
