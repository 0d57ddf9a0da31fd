package org.spinefusion.careplan.service.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Where the local-dev authorization server may send an authorization code: any page on an origin allowed to call the
 * API ({@code careplan.security.cors.allowed-origins}, in local-dev {@code http://localhost} and
 * {@code http://127.0.0.1} on any port unless configured), so an app on a laptop needs no registration. Anything else
 * is held to Spring's exact match against the registered redirect URIs. Scopes, PKCE and the rest are Spring's own
 * checks, unchanged.
 */
final class LocalDevRedirects {

    private LocalDevRedirects() {}

    static Consumer<List<AuthenticationProvider>> onOrigins(SecurityProperties.Cors cors) {
        CorsConfiguration origins = new CorsConfiguration();
        origins.setAllowedOriginPatterns(cors.allowedOrigins());
        Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> redirect = context -> {
            OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
            if (!onAnOrigin(request.getRedirectUri(), origins)) {
                OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR.accept(context);
            }
        };
        Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> validator =
                redirect.andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR);
        return providers -> providers.stream()
                .filter(OAuth2AuthorizationCodeRequestAuthenticationProvider.class::isInstance)
                .map(OAuth2AuthorizationCodeRequestAuthenticationProvider.class::cast)
                .forEach(provider -> provider.setAuthenticationValidator(validator));
    }

    static boolean onAnOrigin(String redirectUri, CorsConfiguration origins) {
        if (redirectUri == null) {
            return false;
        }
        try {
            URI uri = new URI(redirectUri);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null
                    || uri.getRawUserInfo() != null
                    || uri.getRawFragment() != null) {
                return false;
            }
            String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            return origins.checkOrigin(origin) != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
