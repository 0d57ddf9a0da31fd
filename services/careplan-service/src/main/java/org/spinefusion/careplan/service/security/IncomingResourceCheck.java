package org.spinefusion.careplan.service.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/**
 * Checks the resource HAPI parsed from a request body, before any provider sees it, against
 * {@link ResourceContentRules}: too many Bundle entries is 413; unsafe narrative, script, oversized values or foreign
 * references are 422. The one parse HAPI does is reused, so no body is parsed twice.
 */
@Component
@Interceptor
class IncomingResourceCheck {

    private final ResourceContentRules rules;

    IncomingResourceCheck(FhirContext fhirContext, SecurityProperties properties) {
        this.rules = new ResourceContentRules(
                fhirContext,
                properties.limits().maxBundleEntries(),
                properties.limits().maxStringLength());
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request) {
        Optional<IBaseResource> parsed = parsedBody(request);
        if (parsed.isEmpty()) {
            return;
        }
        IBaseResource resource = parsed.get();
        rules.tooLarge(resource).ifPresent(why -> {
            throw new PayloadTooLargeException(why);
        });
        rules.unsafe(resource, ownBase(request)).ifPresent(why -> {
            throw new UnprocessableEntityException(why);
        });
    }

    /**
     * A create or update body is the request's resource; an operation's body HAPI keeps in the request's user data
     * instead, under a key of its own.
     */
    private static Optional<IBaseResource> parsedBody(RequestDetails request) {
        if (request.getResource() != null) {
            return Optional.of(request.getResource());
        }
        return request.getUserData().values().stream()
                .filter(IBaseResource.class::isInstance)
                .map(IBaseResource.class::cast)
                .findFirst();
    }

    /** The server's own base, from its address strategy: the configured public URL, never a request header. */
    private static String ownBase(RequestDetails request) {
        String base = request.getFhirServerBase();
        return base == null ? null : base.replaceAll("/+$", "");
    }
}
