package org.spinefusion.careplan.service.security;

import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A token that cannot be checked because the authorization server's keys cannot be read (JWKS down, timing out or
 * unparseable) is the server's trouble, not the caller's: 503 with {@code Retry-After} and an OperationOutcome, where
 * Spring's bearer filter would rethrow the {@link AuthenticationServiceException} and the container answer 500. Every
 * other authentication failure stays the 401 of the given entry point.
 */
final class KeysUnavailable implements AuthenticationFailureHandler {

    /** Nimbus refetches a failed key set at most every {@link IssuerKeys#MIN_REFETCH_INTERVAL}. */
    static final long RETRY_AFTER_SECONDS = IssuerKeys.MIN_REFETCH_INTERVAL.toSeconds();

    private final AuthenticationEntryPoint unauthorized;

    private KeysUnavailable(AuthenticationEntryPoint unauthorized) {
        this.unauthorized = unauthorized;
    }

    /** Installs the handler on the bearer token filter the resource server configurer builds. */
    static ObjectPostProcessor<BearerTokenAuthenticationFilter> on(AuthenticationEntryPoint unauthorized) {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                filter.setAuthenticationFailureHandler(new KeysUnavailable(unauthorized));
                return filter;
            }
        };
    }

    @Override
    public void onAuthenticationFailure(
            jakarta.servlet.http.HttpServletRequest request,
            HttpServletResponse response,
            org.springframework.security.core.AuthenticationException failure)
            throws java.io.IOException, jakarta.servlet.ServletException {
        if (failure instanceof AuthenticationServiceException) {
            response.setHeader("Retry-After", Long.toString(RETRY_AFTER_SECONDS));
            OperationOutcomes.write(
                    response,
                    HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    IssueType.TRANSIENT,
                    "The authorization server's signing keys cannot be read just now, so no token can be checked");
            return;
        }
        unauthorized.commence(request, response, failure);
    }
}
