package org.spinefusion.careplan.ehr;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Resource;

/**
 * Everything one {@code $apply} stored for an episode, read back from the service over its FHIR API the way
 * StoredPlanConformanceIT gathers it: the CarePlan, its Goals, its tailored Questionnaires (named by the activities'
 * canonicals), the education Communications and the Provenance of the write. Returned in the order the service writes
 * them (Goals, Questionnaires, CarePlan, Communications, Provenance), so references point backwards where they can.
 */
final class PlanReadBack {

    private final IGenericClient service;

    PlanReadBack(IGenericClient service) {
        this.service = service;
    }

    List<Resource> resourcesOf(CarePlan plan) {
        String patient = plan.getSubject().getReference();
        List<Resource> all = new ArrayList<>();
        all.addAll(search("Goal?subject=" + patient + "&_count=200"));
        plan.getActivity().stream()
                .map(a -> a.getDetail().getInstantiatesCanonical())
                .flatMap(List::stream)
                .map(canonical -> canonical.getValue())
                .filter(c -> c.contains("/Questionnaire/"))
                .map(c -> c.substring(c.lastIndexOf('/') + 1, c.contains("|") ? c.indexOf('|') : c.length()))
                .distinct()
                .forEach(id -> all.add(
                        service.read().resource(Questionnaire.class).withId(id).execute()));
        all.add(plan);
        all.addAll(search("Communication?subject=" + patient + "&_count=200"));
        all.addAll(search("Provenance?target=CarePlan/" + plan.getIdElement().getIdPart()));
        return all;
    }

    private List<Resource> search(String url) {
        List<Resource> found = new ArrayList<>();
        Bundle bundle = service.search().byUrl(url).returnBundle(Bundle.class).execute();
        while (true) {
            bundle.getEntry().forEach(e -> found.add(e.getResource()));
            if (bundle.getLink(Bundle.LINK_NEXT) == null) {
                return found;
            }
            bundle = service.loadPage().next(bundle).execute();
        }
    }
}
