package org.spinefusion.careplan.service.security;

import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.springframework.stereotype.Component;

/** Whether a token may see or write one resource: type, granular category and patient compartment. */
@Component
class GrantedResources {

    private final FhirContext fhirContext;
    private final PatientCompartment compartment;
    private final ResourceRepository repository;

    GrantedResources(FhirContext fhirContext, PatientCompartment compartment, ResourceRepository repository) {
        this.fhirContext = fhirContext;
        this.compartment = compartment;
        this.repository = repository;
    }

    boolean visible(SmartAccess access, IBaseResource resource, char interaction) {
        String type = fhirContext.getResourceType(resource);
        if (!access.allows(type, interaction) || !categoryAllowed(access, resource, interaction)) {
            return false;
        }
        if (access.inPatientContext() && compartment.holdsPatientData(resource)) {
            return compartment.belongsTo(resource, access.patient().orElseThrow());
        }
        return true;
    }

    boolean categoryAllowed(SmartAccess access, IBaseResource resource, char interaction) {
        String type = fhirContext.getResourceType(resource);
        Optional<List<String>> limit = access.categoryLimit(type, interaction);
        if (limit.isEmpty()) {
            return true;
        }
        for (Coding coding : categories(resource)) {
            for (String token : limit.get()) {
                if (matches(token, coding)) {
                    return true;
                }
            }
        }
        return false;
    }

    Optional<IBaseResource> current(String type, String id) {
        return repository.readCurrent(type, id).map(IBaseResource.class::cast);
    }

    private List<Coding> categories(IBaseResource resource) {
        var definition = (BaseRuntimeElementCompositeDefinition<?>) fhirContext.getResourceDefinition(resource);
        if (definition.getChildByName("category") == null) {
            return List.of();
        }
        return fhirContext.newTerser().getValues(resource, "category", CodeableConcept.class).stream()
                .flatMap(concept -> concept.getCoding().stream())
                .toList();
    }

    /** {@code system|code}, {@code |code} (no system) or {@code code} (any system), as in a token search. */
    private static boolean matches(String token, Coding coding) {
        int bar = token.indexOf('|');
        if (bar < 0) {
            return token.equals(coding.getCode());
        }
        String system = token.substring(0, bar);
        String code = token.substring(bar + 1);
        boolean systemMatches = system.isEmpty() ? !coding.hasSystem() : system.equals(coding.getSystem());
        return systemMatches && code.equals(coding.getCode());
    }
}
