package org.spinefusion.careplan.service.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Access tokens from the real authorization server ({@link TestKeycloak}), obtained as clients obtain them: client
 * credentials for a backend, and for an app the authorization-code flow with PKCE, its login form filled in over
 * HTTP as a browser would (cookies kept, redirects followed by hand up to the app's redirect URI).
 */
public final class KeycloakTokens {

    /** A registered redirect URI of the app client: any port on the loopback address (RFC 8252 7.3). */
    public static final String APP_REDIRECT = "http://127.0.0.1:39999/callback";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FORM_ACTION =
            Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private KeycloakTokens() {}

    /** The token response, for the backend client with these scopes (none: only the client's defaults). */
    public static JsonNode clientCredentials(String scopes) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", TestKeycloak.BACKEND_CLIENT);
        form.put("client_secret", TestKeycloak.BACKEND_SECRET);
        if (scopes != null) {
            form.put("scope", scopes);
        }
        return tokenRequest(HttpClient.newHttpClient(), form);
    }

    public static String backendToken(String scopes) throws Exception {
        return clientCredentials(scopes).path("access_token").asText();
    }

    /** The token response of a standalone launch by the app client, the user logging in with their password. */
    public static JsonNode authorizationCode(String username, String password, String scopes) throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new LoopbackCookies())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String verifier = randomUrlSafe(48);
        String state = UUID.randomUUID().toString();
        String authorize = TestKeycloak.authorizationEndpoint() + "?"
                + form(Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        TestKeycloak.APP_CLIENT,
                        "redirect_uri",
                        APP_REDIRECT,
                        "scope",
                        scopes,
                        "state",
                        state,
                        "code_challenge",
                        challenge(verifier),
                        "code_challenge_method",
                        "S256"));
        HttpResponse<String> login = browser.send(
                HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher action = FORM_ACTION.matcher(login.body());
        if (login.statusCode() != 200 || !action.find()) {
            throw new IllegalStateException("No login form (HTTP " + login.statusCode() + ")");
        }
        HttpResponse<String> redirect = browser.send(
                HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                form(Map.of("username", username, "password", password, "credentialId", ""))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String location = redirect.headers().firstValue("Location").orElse("");
        if (redirect.statusCode() != 302 || !location.startsWith(APP_REDIRECT)) {
            throw new IllegalStateException("Login did not redirect to the app (HTTP " + redirect.statusCode() + ")");
        }
        Map<String, String> answer = query(URI.create(location).getRawQuery());
        if (!state.equals(answer.get("state"))) {
            throw new IllegalStateException("The authorization server returned another state");
        }
        return tokenRequest(
                browser,
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "client_id",
                        TestKeycloak.APP_CLIENT,
                        "code",
                        answer.get("code"),
                        "redirect_uri",
                        APP_REDIRECT,
                        "code_verifier",
                        verifier));
    }

    /** The claims of a JWT, unverified (the service under test is what verifies it). */
    public static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static JsonNode tokenRequest(HttpClient http, Map<String, String> form) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(TestKeycloak.tokenEndpoint()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "Token request refused: HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            String[] nameValue = pair.split("=", 2);
            values.put(
                    nameValue[0],
                    nameValue.length > 1 ? java.net.URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    /**
     * Keeps the login's cookies as a browser does for {@code http://127.0.0.1}: Keycloak marks its session cookies
     * {@code Secure}, which browsers still send to a loopback address but the JDK's CookieManager sends over HTTPS only.
     */
    private static final class LoopbackCookies extends CookieHandler {
        private final Map<String, String> cookies = new LinkedHashMap<>();

        @Override
        public synchronized Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
            if (cookies.isEmpty()) {
                return Map.of();
            }
            return Map.of(
                    "Cookie",
                    List.of(cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; "))));
        }

        @Override
        public synchronized void put(URI uri, Map<String, List<String>> headers) {
            headers.forEach((name, values) -> {
                if ("Set-Cookie".equalsIgnoreCase(name)) {
                    for (String value : values) {
                        for (HttpCookie cookie : HttpCookie.parse(value)) {
                            if (cookie.getMaxAge() == 0) {
                                cookies.remove(cookie.getName());
                            } else {
                                cookies.put(cookie.getName(), cookie.getValue());
                            }
                        }
                    }
                }
            });
        }
    }

    private static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
