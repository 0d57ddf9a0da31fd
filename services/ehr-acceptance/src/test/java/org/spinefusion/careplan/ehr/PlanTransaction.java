package org.spinefusion.careplan.ehr;

import ca.uhn.fhir.context.FhirContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * One real {@code $apply} output as the transaction Bundle a client of a plain FHIR server would POST to store the
 * same plan: the Patient and every resource of the plan as {@code POST} entries with {@code urn:uuid} full URLs, and
 * every reference between them (and to the Patient) rewritten to those URLs, so the server assigns the ids and checks
 * the references inside the transaction. References to the definitions behind the plan (PlanDefinition,
 * ActivityDefinitions, base Questionnaires) stay as they are: the server must hold those already
 * ({@link #definitionReferences()}).
 *
 * <p>{@link #forCall(long)} gives the Bundle of a new episode: the episode and patient identifiers, the patient's
 * MRN and every id the plan used in its contents (the tailored Questionnaires' URLs and identifiers, the canonicals
 * naming them) are made unique to the call. They all carry one token, so a call costs one pass over the text.
 */
final class PlanTransaction {

    private final String template;
    private final String token;
    private final int entries;
    private final Set<String> definitionReferences;

    private PlanTransaction(String template, String token, int entries, Set<String> definitionReferences) {
        this.template = template;
        this.token = token;
        this.entries = entries;
        this.definitionReferences = definitionReferences;
    }

    /**
     * @param plan the plan's resources as read back from the service, in write order
     * @param patientId the id the episode named its patient by; it must contain {@code token}
     * @param mrnSystem the identifier system the Patient is created with, its value {@code patientId}
     * @param token a string found in the episode's and patient's identifiers and nowhere else
     */
    static PlanTransaction of(FhirContext fhir, List<Resource> plan, String patientId, String mrnSystem, String token) {
        if (!patientId.contains(token)) {
            throw new IllegalArgumentException("the patient id must carry the token");
        }
        Map<String, String> localUrls = new HashMap<>();
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        localUrls.put("Patient/" + patientId, patientUrl);
        for (Resource resource : plan) {
            localUrls.put(key(resource.getIdElement()), "urn:uuid:" + UUID.randomUUID());
        }
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.TRANSACTION);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(mrnSystem).setValue(patientId);
        addPost(bundle, patientUrl, patient);
        Set<String> definitions = new TreeSet<>();
        for (Resource original : plan) {
            Resource copy = original.copy();
            String fullUrl = localUrls.get(key(original.getIdElement()));
            copy.setId((String) null);
            copy.getMeta().setVersionId(null);
            copy.getMeta().setLastUpdatedElement(null);
            for (Reference reference : fhir.newTerser().getAllPopulatedChildElementsOfType(copy, Reference.class)) {
                String target = reference.getReference();
                if (target == null || target.startsWith("#")) {
                    continue;
                }
                String local = localUrls.get(key(new IdType(target)));
                if (local != null) {
                    reference.setReference(local);
                } else {
                    definitions.add(new IdType(target).toUnqualifiedVersionless().getValue());
                }
            }
            addPost(bundle, fullUrl, copy);
        }
        String json = fhir.newJsonParser().encodeResourceToString(bundle);
        for (Resource resource : plan) {
            String id = resource.getIdElement().getIdPart();
            json = json.replace(id, id + "-" + token);
        }
        return new PlanTransaction(json, token, bundle.getEntry().size(), definitions);
    }

    /** The transaction of call {@code n}: a new episode of a new patient, distinct from every other call's. */
    String forCall(long n) {
        return template.replace(token, token + "n" + n);
    }

    /** Characters of JSON in a call's Bundle (as many bytes, give or take a few non-ASCII characters). */
    int length() {
        return template.length();
    }

    /** Entries in the Bundle: the Patient and the plan's resources. */
    int entries() {
        return entries;
    }

    /** The resources outside the plan that it references ({@code Type/id}), which the server must already hold. */
    Set<String> definitionReferences() {
        return definitionReferences;
    }

    private static void addPost(Bundle bundle, String fullUrl, Resource resource) {
        bundle.addEntry()
                .setFullUrl(fullUrl)
                .setResource(resource)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl(resource.fhirType());
    }

    private static String key(IdType id) {
        return id.getResourceType() + "/" + id.getIdPart();
    }
}
