package org.spinefusion.careplan.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.CorsFilter;

class CorsPolicyTest {

    private final CorsFilter filter = new CorsFilter(
            CorsPolicy.source(new SecurityProperties.Cors(List.of("https://app.example", " "), Duration.ofHours(1))));

    @Test
    void answersPreflightFromAllowedOrigin() throws Exception {
        MockHttpServletResponse response = preflight("https://app.example");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
        assertThat(response.getHeader("Access-Control-Max-Age")).isEqualTo("3600");
    }

    @Test
    void refusesPreflightFromAnyOtherOrigin() throws Exception {
        MockHttpServletResponse response = preflight("https://app.example.evil");

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void leavesPathsOutsideTheFhirBaseAlone() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/deliveries");
        request.addHeader("Origin", "https://app.example");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());

        assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
    }

    private MockHttpServletResponse preflight(String origin) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/fhir/CarePlan");
        request.setServletPath("/fhir");
        request.setPathInfo("/CarePlan");
        request.addHeader("Origin", origin);
        request.addHeader("Access-Control-Request-Method", "POST");
        request.addHeader("Access-Control-Request-Headers", "authorization,content-type");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
