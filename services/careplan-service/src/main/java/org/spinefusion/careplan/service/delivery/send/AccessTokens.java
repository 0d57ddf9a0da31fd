package org.spinefusion.careplan.service.delivery.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.spinefusion.careplan.service.delivery.endpoints.EhrHttp;
import org.spinefusion.careplan.service.delivery.endpoints.Endpoint;
import org.spinefusion.careplan.service.delivery.endpoints.EndpointSettings;
import org.springframework.stereotype.Component;

/**
 * SMART Backend Services access tokens: a client assertion (private_key_jwt, {@code iss} = {@code sub} = client id,
 * {@code aud} = the token URL, a fresh {@code jti}, {@code exp} 4 minutes ahead) traded for a token, cached per
 * endpoint until shortly before it expires. Tokens are never logged.
 */
@Component
public class AccessTokens {

    private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(4);
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(15);

    private final SigningKeys keys;
    private final EhrHttp http;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Token> cache = new ConcurrentHashMap<>();

    AccessTokens(SigningKeys keys, EhrHttp http, ObjectMapper json, Clock clock) {
        this.keys = keys;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    String token(Endpoint endpoint) throws IOException, InterruptedException {
        Token cached = cache.get(endpoint.id());
        if (cached != null && cached.expires().isAfter(clock.instant().plus(EXPIRY_MARGIN))) {
            return cached.value();
        }
        Token fresh = fetch(endpoint);
        cache.put(endpoint.id(), fresh);
        return fresh.value();
    }

    /** Forgets the cached token after the EHR refused it, so the next call fetches a new one. */
    void refused(Endpoint endpoint, String token) {
        cache.computeIfPresent(endpoint.id(), (id, cached) -> cached.value().equals(token) ? null : cached);
    }

    private Token fetch(Endpoint endpoint) throws IOException, InterruptedException {
        if (endpoint.capabilities() == null || endpoint.capabilities().tokenUrl() == null) {
            throw new IOException("endpoint " + endpoint.id() + " has no token endpoint in its SMART configuration");
        }
        String tokenUrl = endpoint.capabilities().tokenUrl();
        String form = Map.of(
                        "grant_type",
                        "client_credentials",
                        "scope",
                        endpoint.settings().scope(),
                        "client_assertion_type",
                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                        "client_assertion",
                        assertion(endpoint.settings(), tokenUrl))
                .entrySet()
                .stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (response.statusCode() != 200) {
            throw new TokenRefusedException(response.statusCode());
        }
        JsonNode body = json.readTree(response.body());
        String value = body.path("access_token").asText(null);
        if (value == null) {
            throw new IOException("the token response of endpoint " + endpoint.id() + " has no access_token");
        }
        long lifetime = body.path("expires_in").asLong(300);
        return new Token(value, clock.instant().plusSeconds(lifetime));
    }

    public String assertion(EndpointSettings settings, String tokenUrl) {
        JWK key = keys.key(settings.signingAlgorithm());
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.clientId())
                .subject(settings.clientId())
                .audience(tokenUrl)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
                .build();
        JWSAlgorithm algorithm = JWSAlgorithm.parse(settings.signingAlgorithm());
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(algorithm)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            JWSSigner signer = algorithm.equals(JWSAlgorithm.ES384)
                    ? new ECDSASigner(key.toECKey())
                    : new RSASSASigner(key.toRSAKey());
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a client assertion", e);
        }
        return jwt.serialize();
    }

    private record Token(String value, Instant expires) {}

    /** The token endpoint refused the client assertion: a configuration problem, retried with backoff. */
    public static final class TokenRefusedException extends IOException {
        TokenRefusedException(int status) {
            super("the token endpoint answered " + status);
        }
    }
}
