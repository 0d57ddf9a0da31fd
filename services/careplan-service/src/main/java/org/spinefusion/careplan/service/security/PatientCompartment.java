package org.spinefusion.careplan.service.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Reference;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.springframework.stereotype.Component;

/**
 * Which patient a resource belongs to. Types in the R4 Patient compartment belong to the patient their {@code patient}
 * (or {@code subject}) search parameter points at, i.e. the element searches are narrowed on: CarePlan.subject,
 * Task.for, and so on. A Communication's sender or recipient does not make it the patient's. A Provenance belongs to a
 * patient when every one of its patient-data targets does; the definitions it also names (the plan's tailored
 * Questionnaires, for one) neither give it to nor take it from anyone. A tailored Questionnaire (one with an
 * episode identifier) belongs to the patient of the care plan it was made for: it shows that patient's tailoring.
 * Other definitional types (Questionnaire, PlanDefinition, ...) belong to
 * no patient.
 */
@Component
class PatientCompartment {

    private final FhirContext fhirContext;
    private final ResourceRepository repository;

    PatientCompartment(FhirContext fhirContext, ResourceRepository repository) {
        this.fhirContext = fhirContext;
        this.repository = repository;
    }

    /**
     * Whether resources of this type can hold a patient's data: every type except the canonical (definitional) ones.
     * Not the R4 compartment definition alone, which leaves out Task, for example.
     */
    boolean holdsPatientData(String type) {
        RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
        return !MetadataResource.class.isAssignableFrom(definition.getImplementingClass());
    }

    /** Whether this one resource holds a patient's data: its type does, or it is an episode's tailored Questionnaire. */
    boolean holdsPatientData(IBaseResource resource) {
        return holdsPatientData(fhirContext.getResourceType(resource))
                || (resource instanceof Questionnaire questionnaire
                        && tailoredFor(questionnaire).isPresent());
    }

    /** The id of the care plan a tailored Questionnaire was made for, from its episode identifier. */
    private static Optional<String> tailoredFor(Questionnaire questionnaire) {
        return questionnaire.getIdentifier().stream()
                .filter(id -> Canonicals.ID_QUESTIONNAIRE.equals(id.getSystem()) && id.hasValue())
                .map(id -> id.getValue().split("#", 2)[0])
                .filter(plan -> plan.startsWith("cp-"))
                .findFirst();
    }

    /** The search parameter that names a resource's patient, from the HAPI definition (patient before subject). */
    Optional<String> patientSearchParameter(String type) {
        RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
        for (String name : List.of("patient", "subject")) {
            if (definition.getSearchParam(name) != null) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    boolean belongsTo(IBaseResource resource, String patientId) {
        return patientsOf(resource).equals(Set.of(patientId));
    }

    /** The ids of the patients the resource belongs to; empty when none can be determined. */
    Set<String> patientsOf(IBaseResource resource) {
        String type = fhirContext.getResourceType(resource);
        if ("Patient".equals(type)) {
            return Set.of(resource.getIdElement().getIdPart());
        }
        if (resource instanceof Provenance provenance) {
            return patientsOfTargets(provenance.getTarget());
        }
        if (resource instanceof Questionnaire questionnaire) {
            return tailoredFor(questionnaire)
                    .flatMap(plan -> repository.readCurrent("CarePlan", plan))
                    .map(this::patientsOf)
                    .orElse(Set.of());
        }
        Set<String> patients = new HashSet<>();
        Optional<String> param = patientSearchParameter(type);
        if (param.isEmpty()) {
            return Set.of();
        }
        RuntimeSearchParam searchParam = fhirContext.getResourceDefinition(type).getSearchParam(param.get());
        for (String path : searchParam.getPathsSplit()) {
            String element = path.trim().replaceAll("\\.where\\(.*$", "");
            for (IBaseReference reference :
                    fhirContext.newTerser().getValues(resource, element, IBaseReference.class)) {
                IIdType target = reference.getReferenceElement();
                if (target != null && "Patient".equals(target.getResourceType()) && target.hasIdPart()) {
                    patients.add(target.getIdPart());
                } else if (target != null && target.hasIdPart()) {
                    patients.add("(not a patient)");
                }
            }
        }
        return patients;
    }

    /**
     * Every patient-data target's patient; a target that is unknown or belongs to no patient makes the answer empty.
     * Definitional targets are left out; with nothing else, the answer is empty too.
     */
    Set<String> patientsOfTargets(List<Reference> targets) {
        Set<String> patients = new HashSet<>();
        for (Reference target : targets) {
            IdType id = new IdType(target.getReference() == null ? "" : target.getReference());
            if (!id.hasResourceType() || !id.hasIdPart() || !knownType(id.getResourceType())) {
                return Set.of();
            }
            if (!holdsPatientData(id.getResourceType())) {
                continue;
            }
            if ("Patient".equals(id.getResourceType())) {
                patients.add(id.getIdPart());
                continue;
            }
            Optional<Set<String>> owners = repository
                    .readCurrent(id.getResourceType(), id.getIdPart())
                    .filter(found -> !(found instanceof Provenance))
                    .map(this::patientsOf);
            if (owners.isEmpty() || owners.get().isEmpty()) {
                return Set.of();
            }
            patients.addAll(owners.get());
        }
        return patients;
    }

    private boolean knownType(String type) {
        return fhirContext.getResourceTypes().contains(type);
    }

    /** The patient id a search value such as {@code Patient/123}, {@code 123} or an absolute URL names. */
    static Optional<String> patientIdOf(String referenceValue) {
        IdType id = new IdType(referenceValue);
        if (!id.hasIdPart() || (id.hasResourceType() && !"Patient".equals(id.getResourceType()))) {
            return Optional.empty();
        }
        return Optional.of(id.getIdPart());
    }
}
