package org.spinefusion.careplan.service.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The authorization server's signing keys: Nimbus's own JWKS source, cached for {@link #CACHE_TIME_TO_LIVE} and
 * rate-limited, so a flood of tokens with unknown key ids costs at most two JWKS fetches per
 * {@link #MIN_REFETCH_INTERVAL} instead of one each. The JWKS address comes from configuration or, on first use, from
 * the issuer's discovery document, so the service starts while the authorization server is still coming up.
 */
final class IssuerKeys implements JWKSource<SecurityContext> {

    static final Duration CACHE_TIME_TO_LIVE = Duration.ofMinutes(15);
    static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String issuer;
    private final String configuredJwksUri;
    private volatile JWKSource<SecurityContext> keys;

    IssuerKeys(String issuer, String configuredJwksUri) {
        this.issuer = issuer;
        this.configuredJwksUri = configuredJwksUri;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        try {
            return keys().get(selector, context);
        } catch (RateLimitReachedException refetchedTooRecently) {
            // The key set was fetched moments ago and holds no such key: the token is refused as any unknown key is.
            return List.of();
        }
    }

    private JWKSource<SecurityContext> keys() throws KeySourceException {
        JWKSource<SecurityContext> current = keys;
        if (current == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = JWKSourceBuilder.<SecurityContext>create(jwksUrl())
                            .cache(CACHE_TIME_TO_LIVE.toMillis(), TIMEOUT.toMillis())
                            .rateLimited(MIN_REFETCH_INTERVAL.toMillis())
                            .refreshAheadCache(false)
                            .build();
                }
                current = keys;
            }
        }
        return current;
    }

    private URL jwksUrl() throws KeySourceException {
        try {
            if (configuredJwksUri != null && !configuredJwksUri.isBlank()) {
                return URI.create(configuredJwksUri).toURL();
            }
            return URI.create(discoveredJwksUri()).toURL();
        } catch (IOException | IllegalArgumentException e) {
            throw new KeySourceException("The authorization server's JWKS address could not be found", e);
        }
    }

    /** {@code jwks_uri} from the issuer's OpenID configuration (the document every OIDC server publishes). */
    private String discoveredJwksUri() throws IOException {
        URI discovery = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(discovery).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode metadata = new ObjectMapper().readTree(response.body());
            if (response.statusCode() != 200
                    || !metadata.path("issuer").asText().equals(issuer)) {
                throw new IOException("The issuer's discovery document is missing or names another issuer");
            }
            return metadata.path("jwks_uri").asText();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while reading the issuer's discovery document", e);
        }
    }
}
