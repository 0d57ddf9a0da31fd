package org.spinefusion.careplan.service.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The servlet filters: SMART discovery, and the request-body guard (after Spring Security, before HAPI). */
@Configuration(proxyBeanMethods = false)
class SecurityFilters {

    /** After Spring Security's chain (-100), before the FHIR content-type filter (lowest precedence). */
    static final int BODY_GUARD_ORDER = 0;

    @Bean
    FilterRegistrationBean<SmartDiscovery> smartDiscovery(
            SecurityProperties properties, AuthorizationServer server, ObjectMapper json) {
        FilterRegistrationBean<SmartDiscovery> registration =
                new FilterRegistrationBean<>(new SmartDiscovery(properties, server, json));
        registration.setUrlPatterns(List.of("/fhir/.well-known/smart-configuration"));
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyGuard> requestBodyGuard(SecurityProperties properties) {
        FilterRegistrationBean<RequestBodyGuard> registration =
                new FilterRegistrationBean<>(new RequestBodyGuard(properties.limits()));
        registration.setUrlPatterns(List.of("/fhir/*", "/admin/*"));
        registration.setOrder(BODY_GUARD_ORDER);
        return registration;
    }
}
