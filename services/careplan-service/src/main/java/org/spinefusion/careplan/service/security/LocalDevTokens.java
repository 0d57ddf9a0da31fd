package org.spinefusion.careplan.service.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * What the local-dev authorization server puts into its tokens and token responses. Access tokens look like the
 * system token {@link LocalDevIssuer} prints (issuer, audience, space-separated {@code scope}, {@code client_id}),
 * so the resource server checks them like any other; a patient's token carries the {@code patient} claim. The token
 * response names the patient beside the access token, where SMART apps read the launch context, and the scopes
 * actually granted. The id_token and the access token carry {@code fhirUser}.
 */
final class LocalDevTokens implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final LocalDevUsers users;
    private final String audience;

    LocalDevTokens(LocalDevUsers users, String audience) {
        this.users = users;
        this.audience = audience;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        LocalDevUsers.Person person = users.find(context.getPrincipal().getName())
                .orElseThrow(() -> new IllegalStateException("Not a local-dev user"));
        Set<String> granted = person.grantable(context.getAuthorizedScopes());
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            context.getClaims()
                    .issuer(LocalDevIssuer.ISSUER)
                    .audience(List.of(audience))
                    .claim("client_id", context.getRegisteredClient().getClientId())
                    .claim("scope", String.join(" ", granted));
            person.patient().ifPresent(patient -> context.getClaims().claim(PatientClaim.NAME, patient));
            if (granted.contains("fhirUser")) {
                // As Keycloak's realm does: the service records who acknowledged from the access token.
                context.getClaims().claim("fhirUser", person.fhirUser());
            }
        } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())
                && granted.contains("fhirUser")) {
            context.getClaims().claim("fhirUser", person.fhirUser());
        }
    }

    /** The token endpoint's answer: Spring's, plus {@code patient} and the scopes the access token really has. */
    static AuthenticationSuccessHandler response() {
        OAuth2AccessTokenResponseAuthenticationSuccessHandler handler =
                new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
        handler.setAccessTokenResponseCustomizer(context -> {
            OAuth2AccessTokenAuthenticationToken authentication = context.getAuthentication();
            JWTClaimsSet claims = claimsOf(authentication.getAccessToken().getTokenValue());
            Map<String, Object> parameters = new LinkedHashMap<>(authentication.getAdditionalParameters());
            Object patient = claims.getClaim(PatientClaim.NAME);
            if (patient instanceof String id) {
                parameters.put(PatientClaim.NAME, id);
            }
            Object scope = claims.getClaim("scope");
            if (scope instanceof String scopes) {
                context.getAccessTokenResponse().scopes(new LinkedHashSet<>(Arrays.asList(scopes.split(" "))));
            }
            context.getAccessTokenResponse().additionalParameters(parameters);
        });
        return handler;
    }

    /** The claims of a token this server has just signed (no need to check its own signature). */
    private static JWTClaimsSet claimsOf(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new IllegalStateException("The local-dev access token is not a JWT", e);
        }
    }
}
