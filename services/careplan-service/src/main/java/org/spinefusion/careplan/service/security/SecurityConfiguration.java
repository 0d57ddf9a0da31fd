package org.spinefusion.careplan.service.security;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what, at the HTTP level: the CapabilityStatement, SMART discovery, the published JWKS and the probes are
 * public, and so are CORS preflights from the allowed origins ({@link CorsPolicy}); administration needs the admin scope; everything else under {@code /fhir} needs a valid bearer token (the
 * SMART scopes are then enforced per resource by {@link SmartAuthorizationInterceptor}); anything else is refused.
 * A token that cannot be checked because the issuer's keys cannot be read is a 503 ({@link KeysUnavailable}).
 * In local-dev mode {@link LocalDevAuthorizationServer}'s chain comes first and takes its own paths only.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder, SecurityProperties properties)
            throws Exception {
        if (properties.cors().enabled()) {
            http.cors(cors -> cors.configurationSource(CorsPolicy.source(properties.cors())));
        } else {
            http.cors(cors -> cors.disable());
        }
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> {})
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                path("/fhir/metadata"),
                                path("/fhir/.well-known/**"),
                                path("/.well-known/**"),
                                path("/livez"),
                                path("/readyz"),
                                path("/actuator/health/**"),
                                path("/actuator/prometheus"),
                                path("/actuator/info"),
                                path("/error"))
                        .permitAll()
                        .requestMatchers(publicDefinitions())
                        .permitAll()
                        .requestMatchers(path("/admin/**"))
                        .access((authentication, context) ->
                                new AuthorizationDecision(authentication.get() instanceof JwtAuthenticationToken token
                                        && SmartAccess.of(token.getToken()).admin()))
                        .requestMatchers(path("/fhir"), path("/fhir/**"))
                        .authenticated()
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(server -> {
                    server.jwt(jwt -> jwt.decoder(jwtDecoder))
                            .authenticationEntryPoint(unauthorized())
                            .accessDeniedHandler(forbidden());
                    server.addObjectPostProcessor(KeysUnavailable.on(unauthorized()));
                })
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()));
        return http.build();
    }

    /** GET only: HAPI then opens reads and $expand of these types alone ({@link PublicDefinitions}). */
    private static RequestMatcher[] publicDefinitions() {
        return java.util.Arrays.stream(PublicDefinitions.PATHS)
                .map(pattern -> PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, pattern))
                .toArray(RequestMatcher[]::new);
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    /** 401 with {@code WWW-Authenticate: Bearer ...} (set by Spring's entry point) and an OperationOutcome. */
    private static AuthenticationEntryPoint unauthorized() {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, failure) -> {
            bearer.commence(request, response, failure);
            OperationOutcomes.write(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    IssueType.LOGIN,
                    "A valid bearer token from the configured authorization server is required");
        };
    }

    private static AccessDeniedHandler forbidden() {
        BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, denied) -> {
            bearer.handle(request, response, denied);
            OperationOutcomes.write(
                    response,
                    HttpServletResponse.SC_FORBIDDEN,
                    IssueType.FORBIDDEN,
                    "The access token's scopes do not allow this request");
        };
    }
}
