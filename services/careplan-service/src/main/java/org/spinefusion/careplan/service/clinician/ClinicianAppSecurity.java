package org.spinefusion.careplan.service.clinician;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The app's pages and scripts are public: they hold no data, and every data call they make goes to {@code /fhir}
 * with the user's bearer token, under the service's main security chain. Only GET and HEAD are served. The pages may
 * be framed by the service itself and the configured EHR origins ({@code Content-Security-Policy: frame-ancestors},
 * instead of the default {@code X-Frame-Options: DENY}); nothing here sets a cookie, so an EHR frame that blocks
 * third-party cookies changes nothing (fhirclient keeps its state in the frame's sessionStorage). Scripts come from
 * the service only (the pages have no inline script): the user's token is in the page, so injected script must not run.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClinicianAppProperties.class)
class ClinicianAppSecurity {

    /** Before the main chain, which refuses every path it does not know. */
    @Bean
    @Order(0)
    SecurityFilterChain clinicianAppChain(HttpSecurity http, ClinicianAppProperties properties) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(paths.matcher("/app/**"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.disable())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(properties.frameAncestorsDirective()
                                + "; script-src 'self'; object-src 'none'; base-uri 'self'")))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                paths.matcher(HttpMethod.GET, "/app/**"), paths.matcher(HttpMethod.HEAD, "/app/**"))
                        .permitAll()
                        .anyRequest()
                        .denyAll());
        return http.build();
    }
}
