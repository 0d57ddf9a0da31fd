package org.spinefusion.careplan.service.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * For {@code careplan.security.mode=local-dev} only: a key made at start-up (never stored) and one system token with
 * full scopes printed to the log, so the service runs on a laptop without an authorization server of its own while
 * every request still goes through token validation and scope enforcement. The same key signs what the in-process
 * authorization server issues to apps ({@link LocalDevAuthorizationServer}). The key dies with the process.
 */
@Component
class LocalDevIssuer {

    static final String ISSUER = "urn:careplan:local-dev";
    static final String DEFAULT_AUDIENCE = "http://localhost:8080/fhir";
    private static final Logger log = LoggerFactory.getLogger(LocalDevIssuer.class);
    private static final Duration LIFETIME = Duration.ofHours(12);

    private final Clock clock;
    private RSAKey key;

    LocalDevIssuer(Clock clock) {
        this.clock = clock;
    }

    synchronized RSAPublicKey publicKey() {
        try {
            return key().toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not make the local-dev key", e);
        }
    }

    /** The private key, for the local-dev authorization server ({@link LocalDevAuthorizationServer}) to sign with. */
    JWKSource<SecurityContext> signingKeys() {
        return (selector, context) -> selector.select(new JWKSet(key()));
    }

    /** Prints a full-scope system token for the given audience, and writes it to {@code tokenFile}. */
    void announce(String audience, Path tokenFile) {
        String token = mint(audience, "system/*.cruds " + SmartAccess.ADMIN_SCOPE, null);
        writeOwnerOnly(tokenFile, token);
        log.warn(
                "LOCAL-DEV SECURITY MODE: tokens are signed by a key this process made; never use this mode on a"
                        + " shared or production system. System token (valid {}h, aud {}):\n{}",
                LIFETIME.toHours(),
                audience,
                token);
    }

    /** A token signed with the local-dev key; {@code patient} may be null. */
    synchronized String mint(String audience, String scopes, String patient) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("local-dev")
                .audience(audience)
                .claim("client_id", "local-dev")
                .claim("scope", scopes)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)));
        if (patient != null) {
            claims.claim("patient", patient);
        }
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .type(JOSEObjectType.JWT)
                            .keyID(key().getKeyID())
                            .build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign the local-dev token", e);
        }
    }

    private static void writeOwnerOnly(Path file, String token) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(
                    parent,
                    "local-dev-token",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, token);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("Could not write the local-dev token file {}: {}", file, e.getMessage());
        }
    }

    private synchronized RSAKey key() {
        if (key == null) {
            try {
                key = new RSAKeyGenerator(2048).keyID("local-dev").generate();
            } catch (JOSEException e) {
                throw new IllegalStateException("Could not make the local-dev key", e);
            }
        }
        return key;
    }
}
