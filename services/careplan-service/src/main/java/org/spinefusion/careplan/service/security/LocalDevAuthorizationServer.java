package org.spinefusion.careplan.service.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.spinefusion.careplan.service.api.PublicBaseUrl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Local-dev mode only: a SMART authorization server inside the service (Spring Authorization Server), so a SMART app
 * can be tried on a laptop with nothing else running. One public client, {@value #CLIENT_ID}: authorization code
 * with PKCE (S256), redirects to pages on the CORS origins ({@link LocalDevRedirects}), no consent step; the people
 * of {@link LocalDevUsers} log in on Spring's login page. Tokens are signed with the local-dev key and shaped by
 * {@link LocalDevTokens}, so the resource server checks them as it checks any other. Outside local-dev none of this
 * exists: the resource server's chain answers these paths as it answers any unknown one.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(LocalDevMode.class)
class LocalDevAuthorizationServer {

    static final String CLIENT_ID = "careplan-app";
    static final String CLINICIAN_APP_CLIENT_ID = "careplan-clinician";
    static final String AUTHORIZATION_PATH = "/oauth2/authorize";
    static final String TOKEN_PATH = "/oauth2/token";
    static final String JWKS_PATH = "/oauth2/jwks";
    static final String LOGIN_PATH = "/login";

    /** The login page's style sheet, served by Spring Security's login support. */
    static final String LOGIN_STYLE = "/default-ui.css";

    /** Registered for form's sake: {@link LocalDevRedirects} accepts any page on the CORS origins. */
    static final String REGISTERED_REDIRECT = "http://localhost:3000/";

    /**
     * First of the chains: it claims only the authorization server's own paths and its login page; every other
     * request goes on to the resource server's stateless chain ({@link SecurityConfiguration}). This one keeps a
     * session, for the login between the authorization request and the code.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain localDevAuthorizationServerChain(
            HttpSecurity http, SecurityProperties properties, JwtDecoder jwtDecoder, ServletContext application)
            throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        // Spring Security's filter also guards the management port, which has a servlet context of its own.
        RequestMatcher onTheApplicationPort = request -> request.getServletContext() == application;
        http.securityMatcher(new AndRequestMatcher(
                        onTheApplicationPort,
                        new OrRequestMatcher(
                                server.getEndpointsMatcher(),
                                preflights(),
                                PathPatternRequestMatcher.withDefaults().matcher(LOGIN_PATH),
                                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, LOGIN_STYLE))))
                .with(server, authorizationServer -> authorizationServer
                        .oidc(Customizer.withDefaults())
                        .authorizationEndpoint(endpoint ->
                                endpoint.authenticationProviders(LocalDevRedirects.onOrigins(properties.cors())))
                        .tokenEndpoint(endpoint -> endpoint.accessTokenResponseHandler(LocalDevTokens.response())))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(form -> form.permitAll())
                // The userinfo endpoint takes the access tokens this server issued.
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.decoder(jwtDecoder)))
                .cors(cors -> cors.configurationSource(CorsPolicy.authorizationServerSource(properties.cors())))
                .exceptionHandling(handling -> handling.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(LOGIN_PATH),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /** Browser preflights of the endpoints apps fetch; Spring's endpoint matchers know their own methods only. */
    private static RequestMatcher preflights() {
        return new OrRequestMatcher(Stream.of(
                        "/oauth2/**",
                        "/userinfo",
                        "/.well-known/openid-configuration",
                        "/.well-known/oauth-authorization-server")
                .map(path -> (RequestMatcher)
                        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.OPTIONS, path))
                .toList());
    }

    @Bean
    RegisteredClientRepository localDevClients() {
        return new InMemoryRegisteredClientRepository(
                publicClient(CLIENT_ID, LocalDevUsers.APP_SCOPES),
                // The clinician app the service serves at /app/ (its own client id, as in the shipped realm).
                publicClient(CLINICIAN_APP_CLIENT_ID, LocalDevUsers.CLINICIAN_APP_SCOPES));
    }

    private static RegisteredClient publicClient(String clientId, List<String> scopes) {
        return RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(REGISTERED_REDIRECT)
                .scopes(registered -> registered.addAll(scopes))
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(Duration.ofHours(1))
                        .build())
                .build();
    }

    /** The issuer is the service's own origin: {@code careplan.base-url}'s, else each request's (a laptop only). */
    @Bean
    AuthorizationServerSettings localDevAuthorizationServerSettings(PublicBaseUrl baseUrl) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder()
                .authorizationEndpoint(AUTHORIZATION_PATH)
                .tokenEndpoint(TOKEN_PATH)
                .jwkSetEndpoint(JWKS_PATH);
        AuthorizationServer.configuredOrigin(baseUrl).ifPresent(settings::issuer);
        return settings.build();
    }

    @Bean
    JWKSource<SecurityContext> localDevSigningKey(LocalDevIssuer issuer) {
        return issuer.signingKeys();
    }

    @Bean
    LocalDevUsers localDevUsers(SecurityProperties properties) {
        return new LocalDevUsers(properties.localDevPatient());
    }

    @Bean
    UserDetailsService localDevLogins(LocalDevUsers users) {
        return users.logins();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> localDevTokenClaims(
            LocalDevUsers users, SecurityProperties properties, PublicBaseUrl baseUrl) {
        return new LocalDevTokens(users, TokenDecoderConfiguration.audience(properties, baseUrl));
    }
}
