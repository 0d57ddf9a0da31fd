package org.spinefusion.careplan.service.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The local-dev authorization server driven over plain HTTP as a browser would drive it: the authorization request,
 * the login form (with its CSRF token and session cookie), the redirect with the code, and the PKCE code exchange.
 * Each instance is one browser: its own cookies, redirects not followed so every step can be checked.
 */
public final class LocalDevLogin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final String origin;
    private final HttpClient http;
    private final String verifier;

    public LocalDevLogin(int port) {
        this.origin = "http://localhost:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The system token the service wrote at start-up. */
    public static String systemToken() throws Exception {
        return Files.readString(Path.of(LocalDevIntegrationTest.TOKEN_FILE)).trim();
    }

    /** {@code /oauth2/authorize} with PKCE S256 for the public app client. */
    public HttpResponse<String> authorize(String redirectUri, String scope) throws Exception {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", "careplan-app");
        query.put("redirect_uri", redirectUri);
        query.put("scope", scope);
        query.put("state", UUID.randomUUID().toString());
        query.put("code_challenge", challenge());
        query.put("code_challenge_method", "S256");
        return get(origin + "/oauth2/authorize?" + form(query));
    }

    /** Fills in the login page and returns where the server sends the browser next. */
    public HttpResponse<String> logIn(String username, String password) throws Exception {
        HttpResponse<String> page = get(origin + "/login");
        Matcher csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new AssertionError("No CSRF token on the login page: " + page.body());
        }
        return http.send(
                HttpRequest.newBuilder(URI.create(origin + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "text/html")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                form(Map.of("username", username, "password", password, "_csrf", csrf.group(1)))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The whole launch: returns the token response. */
    public JsonNode tokens(String redirectUri, String scope, String username) throws Exception {
        HttpResponse<String> toLogin = authorize(redirectUri, scope);
        expectRedirect(toLogin, "/login");
        HttpResponse<String> loggedIn = logIn(username, username);
        expectRedirect(loggedIn, "/oauth2/authorize");
        HttpResponse<String> withCode = get(location(loggedIn));
        String code = queryParameter(location(withCode), "code");
        if (code == null) {
            throw new AssertionError("No code: " + withCode.statusCode() + " " + location(withCode));
        }
        HttpResponse<String> token = exchange(code, redirectUri, verifier);
        if (token.statusCode() != 200) {
            throw new AssertionError("Token endpoint answered " + token.statusCode() + ": " + token.body());
        }
        return JSON.readTree(token.body());
    }

    public HttpResponse<String> exchange(String code, String redirectUri, String codeVerifier) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(origin + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                                "grant_type", "authorization_code",
                                "code", code,
                                "redirect_uri", redirectUri,
                                "client_id", "careplan-app",
                                "code_verifier", codeVerifier))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String uri) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(uri))
                        .header("Accept", "text/html")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    public static String queryParameter(String uri, String name) {
        Matcher matcher = Pattern.compile("[?&]" + name + "=([^&#]*)").matcher(uri);
        return matcher.find() ? java.net.URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8) : null;
    }

    private static void expectRedirect(HttpResponse<String> response, String path) {
        if (response.statusCode() != 302
                || !URI.create(location(response)).getPath().equals(path)) {
            throw new AssertionError(
                    "Expected a redirect to " + path + ", got " + response.statusCode() + " " + location(response));
        }
    }

    private String challenge() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
