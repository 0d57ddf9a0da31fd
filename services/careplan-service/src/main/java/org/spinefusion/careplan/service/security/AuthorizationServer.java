package org.spinefusion.careplan.service.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinefusion.careplan.service.api.PublicBaseUrl;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where apps find the authorization server this service trusts. Each endpoint is the configured override if there is
 * one, else what the issuer publishes in its own metadata ({@code <issuer>/.well-known/openid-configuration}), read on
 * first need and kept; a failed read is logged and tried again a minute later, and meanwhile the endpoint is unknown
 * (discovery then leaves it out rather than guess). In local-dev mode the authorization server is the service itself
 * ({@link LocalDevAuthorizationServer}): its issuer is {@code careplan.base-url}'s origin, else the origin of the
 * request being answered, as Spring Authorization Server resolves it, and its endpoints are known paths under it.
 */
@Component
class AuthorizationServer {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationServer.class);
    private static final Duration RETRY_AFTER = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final SecurityProperties properties;
    private final ObjectMapper json;
    private final HttpClient http;
    private Map<String, Object> metadata;
    private Long retryAt;

    private final PublicBaseUrl baseUrl;

    AuthorizationServer(SecurityProperties properties, ObjectMapper json) {
        this(properties, json, null);
    }

    @Autowired
    AuthorizationServer(SecurityProperties properties, ObjectMapper json, PublicBaseUrl baseUrl) {
        this.baseUrl = baseUrl;
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    boolean inProcess() {
        return properties.mode() == SecurityProperties.Mode.LOCAL_DEV;
    }

    Optional<String> issuer() {
        return inProcess() ? localDevOrigin() : text(properties.issuerUri());
    }

    Optional<String> authorizationEndpoint() {
        return text(properties.authorizationEndpoint())
                .or(() -> inProcess()
                        ? localDevOrigin().map(origin -> origin + LocalDevAuthorizationServer.AUTHORIZATION_PATH)
                        : published("authorization_endpoint"));
    }

    Optional<String> tokenEndpoint() {
        return text(properties.tokenEndpoint())
                .or(() -> inProcess()
                        ? localDevOrigin().map(origin -> origin + LocalDevAuthorizationServer.TOKEN_PATH)
                        : published("token_endpoint"));
    }

    /** The issuer's published key set first: a configured jwk-set-uri may be an address only this service reaches. */
    Optional<String> jwksUri() {
        if (inProcess()) {
            return localDevOrigin().map(origin -> origin + LocalDevAuthorizationServer.JWKS_PATH);
        }
        return published("jwks_uri").or(() -> text(properties.jwkSetUri()));
    }

    /** The origin of {@code careplan.base-url}, when it is set (placeholders resolved now). */
    static Optional<String> configuredOrigin(PublicBaseUrl baseUrl) {
        return Optional.ofNullable(baseUrl)
                .flatMap(PublicBaseUrl::configured)
                .map(url -> UriComponentsBuilder.fromUriString(url)
                        .replacePath(null)
                        .replaceQuery(null)
                        .fragment(null)
                        .build()
                        .toUriString());
    }

    private Optional<String> localDevOrigin() {
        return configuredOrigin(baseUrl).or(() -> {
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
                HttpServletRequest request = attributes.getRequest();
                return Optional.of(UriComponentsBuilder.fromUriString(UrlUtils.buildFullRequestUrl(request))
                        .replacePath(request.getContextPath())
                        .replaceQuery(null)
                        .fragment(null)
                        .build()
                        .toUriString());
            }
            return Optional.empty();
        });
    }

    Optional<String> published(String name) {
        return Optional.ofNullable(metadata().get(name))
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .filter(StringUtils::hasText);
    }

    private synchronized Map<String, Object> metadata() {
        if (metadata != null) {
            return metadata;
        }
        if (properties.mode() == SecurityProperties.Mode.LOCAL_DEV
                || !StringUtils.hasText(properties.issuerUri())
                || (retryAt != null && System.nanoTime() - retryAt < 0)) {
            return Map.of();
        }
        String location = properties.issuerUri().replaceAll("/+$", "") + "/.well-known/openid-configuration";
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create(location))
                            .timeout(TIMEOUT)
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            Map<String, Object> read = json.readValue(response.body(), new TypeReference<>() {});
            if (!properties.issuerUri().equals(read.get("issuer"))) {
                throw new IOException("its metadata names another issuer");
            }
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(read));
            return metadata;
        } catch (IOException | IllegalArgumentException e) {
            log.warn(
                    "Could not read the authorization server's metadata at {} ({}); its endpoints are left out of"
                            + " discovery until it answers",
                    location,
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        retryAt = System.nanoTime() + RETRY_AFTER.toNanos();
        return Map.of();
    }

    private static Optional<String> text(String value) {
        return Optional.ofNullable(value).filter(StringUtils::hasText);
    }
}
