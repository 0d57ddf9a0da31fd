package org.spinefusion.careplan.service.delivery;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test EHR's SMART Backend Services side: {@code .well-known/smart-configuration}, a token endpoint that checks the
 * client assertion (RS384 or ES384 signature against the client's JWKS URL, {@code iss} = {@code sub} = client id,
 * {@code aud} = the token URL, {@code exp} no more than 5 minutes ahead, {@code jti} never seen), and bearer checks on
 * every FHIR request but discovery.
 */
final class SmartAuthorization implements Filter {

    private static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);

    private final boolean required;
    private final Set<String> seenJti = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    final AtomicInteger issued = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    final AtomicInteger unauthorized = new AtomicInteger();
    private volatile String tokenUrl;
    private volatile String clientId = "careplan-service";
    private volatile String jwksUrl;

    SmartAuthorization(boolean required) {
        this.required = required;
    }

    void tokenUrl(String url) {
        this.tokenUrl = url;
    }

    String tokenUrl() {
        return tokenUrl;
    }

    void client(String id, String jwks) {
        this.clientId = id;
        this.jwksUrl = jwks;
    }

    /** Forgets every issued token, as an EHR does when it revokes them; the next request gets a 401. */
    void revokeAll() {
        tokens.clear();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = request.getRequestURI();
        if (path.endsWith("/.well-known/smart-configuration")) {
            response.setContentType("application/json");
            response.getWriter()
                    .write("{\"token_endpoint\":\"" + tokenUrl + "\",\"grant_types_supported\":"
                            + "[\"client_credentials\"],\"token_endpoint_auth_methods_supported\":"
                            + "[\"private_key_jwt\"],\"token_endpoint_auth_signing_alg_values_supported\":"
                            + "[\"RS384\",\"ES384\"],\"capabilities\":[\"client-confidential-asymmetric\","
                            + "\"permission-v2\"],\"code_challenge_methods_supported\":[\"S256\"]}");
            return;
        }
        if (required && !path.endsWith("/metadata")) {
            String header = request.getHeader("Authorization");
            Instant expires = header == null || !header.startsWith("Bearer ") ? null : tokens.get(header.substring(7));
            if (expires == null || expires.isBefore(Instant.now())) {
                unauthorized.incrementAndGet();
                response.setStatus(401);
                return;
            }
        }
        chain.doFilter(req, res);
    }

    HttpServlet tokenServlet() {
        return new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
                String problem =
                        check(request.getParameter("client_assertion_type"), request.getParameter("client_assertion"));
                response.setContentType("application/json");
                response.setHeader("Cache-Control", "no-store");
                if (problem != null) {
                    rejected.incrementAndGet();
                    response.setStatus(401);
                    response.getWriter()
                            .write("{\"error\":\"invalid_client\",\"error_description\":\"" + problem + "\"}");
                    return;
                }
                String token = UUID.randomUUID().toString();
                tokens.put(token, Instant.now().plusSeconds(300));
                issued.incrementAndGet();
                response.getWriter()
                        .write("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":300,"
                                + "\"scope\":\"" + request.getParameter("scope") + "\"}");
            }
        };
    }

    /** Null when the assertion is good, else what is wrong with it. */
    String check(String type, String assertion) {
        if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(type) || assertion == null) {
            return "client_assertion_type";
        }
        try {
            SignedJWT jwt = SignedJWT.parse(assertion);
            JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
            if (!algorithm.equals(JWSAlgorithm.RS384) && !algorithm.equals(JWSAlgorithm.ES384)) {
                return "alg";
            }
            JWK key = JWKSet.load(URI.create(jwksUrl).toURL())
                    .getKeyByKeyId(jwt.getHeader().getKeyID());
            if (key == null) {
                return "kid";
            }
            JWSVerifier verifier = algorithm.equals(JWSAlgorithm.RS384)
                    ? new RSASSAVerifier(key.toRSAKey())
                    : new ECDSAVerifier(key.toECKey());
            if (!jwt.verify(verifier)) {
                return "signature";
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!clientId.equals(claims.getIssuer()) || !clientId.equals(claims.getSubject())) {
                return "iss/sub";
            }
            if (claims.getAudience() == null || !claims.getAudience().contains(tokenUrl)) {
                return "aud";
            }
            Date exp = claims.getExpirationTime();
            Instant now = Instant.now();
            if (exp == null
                    || exp.toInstant().isBefore(now)
                    || exp.toInstant().isAfter(now.plus(MAX_ASSERTION_LIFETIME))) {
                return "exp";
            }
            if (claims.getJWTID() == null || !seenJti.add(claims.getJWTID())) {
                return "jti";
            }
            return null;
        } catch (Exception e) {
            return "unreadable";
        }
    }
}
