package org.spinefusion.careplan.service.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The CapabilityStatement's {@code rest.security}: SMART-on-FHIR, and where the authorization server is (the
 * oauth-uris extension is deprecated in favour of .well-known/smart-configuration, but older clients still read it).
 */
@Component
@Interceptor
class CapabilitySecurity {

    private static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    private final SecurityProperties properties;
    private final AuthorizationServer server;

    CapabilitySecurity(SecurityProperties properties, AuthorizationServer server) {
        this.properties = properties;
        this.server = server;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void describeSecurity(IBaseConformance conformance) {
        if (!(conformance instanceof CapabilityStatement capabilities)) {
            return;
        }
        for (CapabilityStatement.CapabilityStatementRestComponent rest : capabilities.getRest()) {
            CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
            security.setCors(properties.cors().enabled());
            security.getService().clear();
            security.addService(new CodeableConcept(new Coding(
                            "http://terminology.hl7.org/CodeSystem/restful-security-service",
                            "SMART-on-FHIR",
                            "SMART-on-FHIR"))
                    .setText("OAuth2 bearer tokens (SMART App Launch 2.2, scopes v1 and v2)"));
            security.setDescription("Bearer JWTs from "
                    + (StringUtils.hasText(properties.issuerUri())
                            ? properties.issuerUri()
                            : "the configured authorization server")
                    + "; SMART scopes per resource type and interaction; patient-context tokens see only their"
                    + " patient's compartment. Discovery: .well-known/smart-configuration");
            Extension uris = new Extension(OAUTH_URIS);
            server.authorizationEndpoint().ifPresent(uri -> uris.addExtension("authorize", new UriType(uri)));
            server.tokenEndpoint().ifPresent(uri -> uris.addExtension("token", new UriType(uri)));
            if (uris.hasExtension()) {
                security.getExtension().removeIf(e -> OAUTH_URIS.equals(e.getUrl()));
                security.addExtension(uris);
            }
        }
    }
}
