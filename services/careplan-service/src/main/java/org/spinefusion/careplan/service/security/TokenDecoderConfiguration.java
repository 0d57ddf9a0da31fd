package org.spinefusion.careplan.service.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinefusion.careplan.service.api.PublicBaseUrl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * The JWT decoder: keys from the issuer's JWKS (or the local-dev key), only the configured asymmetric algorithms,
 * and the issuer, audience, expiry and not-before checked. Without an issuer and outside local-dev every token is
 * refused: the service starts (probes work) but serves no data, and says why at start-up.
 */
@Configuration(proxyBeanMethods = false)
class TokenDecoderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TokenDecoderConfiguration.class);
    private static final Set<String> ASYMMETRIC = Set.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512");

    @Bean
    JwtDecoder jwtDecoder(SecurityProperties properties, PublicBaseUrl baseUrl, LocalDevIssuer localDev) {
        String audience = audience(properties, baseUrl);
        if (properties.mode() == SecurityProperties.Mode.LOCAL_DEV) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(localDev.publicKey())
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
            decoder.setJwtValidator(validator(properties, LocalDevIssuer.ISSUER, audience));
            localDev.announce(audience, Path.of(properties.localDevTokenFile()));
            return decoder;
        }
        if (!StringUtils.hasText(properties.issuerUri())) {
            log.warn("No authorization server configured (careplan.security.issuer-uri): every request under /fhir is"
                    + " refused with 401. Set CAREPLAN_SECURITY_ISSUER_URI, or careplan.security.mode=local-dev on a"
                    + " laptop.");
            return token -> {
                throw new BadJwtException("No authorization server is configured");
            };
        }
        if (baseUrl.configured().isEmpty()) {
            // Links are never built from request headers; without a public URL they would name localhost.
            throw new IllegalStateException("careplan.base-url (CAREPLAN_BASE_URL) must be set to the service's public"
                    + " FHIR base URL when an authorization server is configured");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                signatureAlgorithms(properties), new IssuerKeys(properties.issuerUri(), properties.jwkSetUri())));
        // Plain JWTs and RFC 9068 access tokens (typ at+jwt) alike; Nimbus's default accepts only the first.
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        // Claims are checked by the Spring validators below, with messages an app can act on.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(validator(properties, properties.issuerUri(), audience));
        return decoder;
    }

    private static Set<JWSAlgorithm> signatureAlgorithms(SecurityProperties properties) {
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        for (String name : properties.algorithms()) {
            if (!ASYMMETRIC.contains(name)) {
                throw new IllegalStateException("careplan.security.algorithms: only asymmetric algorithms " + ASYMMETRIC
                        + " are allowed, not " + name);
            }
            algorithms.add(JWSAlgorithm.parse(name));
        }
        return algorithms;
    }

    private static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties, String issuer, String audience) {
        return new DelegatingOAuth2TokenValidator<>(
                requireExpiry(),
                PatientClaim.validator(),
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(audience));
    }

    /** Spring checks exp only when present; a token that never expires is refused. */
    private static OAuth2TokenValidator<Jwt> requireExpiry() {
        return jwt -> jwt.getExpiresAt() != null
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(
                        new OAuth2Error("invalid_token", "The token has no expiry (exp)", null));
    }

    static String audience(SecurityProperties properties, PublicBaseUrl baseUrl) {
        if (StringUtils.hasText(properties.audience())) {
            return properties.audience();
        }
        if (baseUrl.configured().isPresent()) {
            return baseUrl.configured().get();
        }
        log.warn(
                "Neither careplan.security.audience nor careplan.base-url is set: tokens must carry aud {}",
                LocalDevIssuer.DEFAULT_AUDIENCE);
        return LocalDevIssuer.DEFAULT_AUDIENCE;
    }
}
