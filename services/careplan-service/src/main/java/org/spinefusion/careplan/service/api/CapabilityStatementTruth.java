package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.spinefusion.careplan.pathway.PathwayPackage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Corrects what HAPI's generated CapabilityStatement claims beyond this server: only JSON (request bodies in XML or
 * Turtle are refused, and so are such responses), includes and revincludes exactly as the providers allow them
 * (HAPI lists every reference of every type), our name, and the package's profiles as supported profiles.
 */
@Component
@Interceptor
class CapabilityStatementTruth {

    static final String NAME = "SpinalFusionCarePlanService";
    static final List<String> FORMATS = List.of("application/fhir+json", "json");

    private final ObjectProvider<PathwayPackage> pathwayPackage;

    CapabilityStatementTruth(ObjectProvider<PathwayPackage> pathwayPackage) {
        this.pathwayPackage = pathwayPackage;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void correct(IBaseConformance conformance, RequestDetails request) {
        if (!(conformance instanceof CapabilityStatement capabilities)) {
            return;
        }
        capabilities.setName(NAME);
        capabilities.setTitle(FhirServerConfiguration.PUBLISHER);
        capabilities.getFormat().clear();
        FORMATS.forEach(format -> capabilities.addFormat(format));
        capabilities.getPatchFormat().clear();
        ProviderDeclarations declarations = ProviderDeclarations.of((RestfulServer) request.getServer());
        List<StructureDefinition> profiles = pathwayPackage.getObject().resources().stream()
                .filter(StructureDefinition.class::isInstance)
                .map(StructureDefinition.class::cast)
                .filter(profile -> profile.getKind() == StructureDefinition.StructureDefinitionKind.RESOURCE)
                .toList();
        for (CapabilityStatementRestResourceComponent resource :
                capabilities.getRestFirstRep().getResource()) {
            ProviderDeclarations.Declared declared = declarations.of(resource.getType());
            resource.getSearchInclude().clear();
            resource.getSearchRevInclude().clear();
            if (declared != null) {
                declared.includes().forEach(include -> resource.addSearchInclude(include));
                declared.revIncludes()
                        .forEach(include -> resource.getSearchRevInclude().add(new StringType(include)));
            }
            profiles.stream()
                    .filter(profile -> profile.getType().equals(resource.getType()))
                    .forEach(profile -> resource.addSupportedProfile(profile.getUrl()));
        }
    }
}
