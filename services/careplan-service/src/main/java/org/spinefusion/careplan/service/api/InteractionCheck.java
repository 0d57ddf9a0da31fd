package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * A 405 with an {@code Allow} header for an HTTP method a resource type does not answer (a DELETE of a CarePlan, a
 * PUT of a Goal), where HAPI would say 400. Only plain {@code [type]} and {@code [type]/[id]} requests are judged;
 * history, {@code _search} and operations are left to HAPI.
 */
@Component
@Interceptor
class InteractionCheck {

    private final AtomicReference<ProviderDeclarations> declarations = new AtomicReference<>();

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
    public void check(RequestDetails request) {
        if (request.getResourceName() == null || request.getRequestType() == RequestTypeEnum.OPTIONS) {
            return;
        }
        String path = request.getRequestPath() == null ? "" : request.getRequestPath();
        String[] segments = path.split("/");
        if (segments.length > 2 || (segments.length == 2 && segments[1].matches("[_$].*")) || segments[0].isEmpty()) {
            return;
        }
        ProviderDeclarations.Declared declared =
                declarations((RestfulServer) request.getServer()).of(segments[0]);
        if (declared == null) {
            return;
        }
        Set<String> allowed = segments.length == 1 ? declared.typeMethods() : declared.instanceMethods();
        String method = request.getRequestType() == RequestTypeEnum.HEAD
                ? "GET"
                : request.getRequestType().name();
        if (!allowed.contains(method)) {
            throw new MethodNotAllowedException(
                    "This server does not support " + method + " here for " + segments[0],
                    allowed.stream().map(RequestTypeEnum::valueOf).toArray(RequestTypeEnum[]::new));
        }
    }

    private ProviderDeclarations declarations(RestfulServer server) {
        ProviderDeclarations known = declarations.get();
        if (known == null) {
            known = ProviderDeclarations.of(server);
            declarations.set(known);
        }
        return known;
    }
}
