package org.spinefusion.careplan.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class PlanTransactionTest {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final String TOKEN = "txrunt0";
    static final String PATIENT = TOKEN + "-p";
    static final String MRN = "urn:example:mrn";

    @Test
    void postsThePatientAndEveryResourceOfThePlanWithReferencesToTheirEntries() {
        String json = PlanTransaction.of(FHIR, plan(), PATIENT, MRN, TOKEN).forCall(1);
        Bundle bundle = parse(json);

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(bundle.getEntry())
                .extracting(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl())
                .containsExactly("POST Patient", "POST Goal", "POST Questionnaire", "POST CarePlan", "POST Provenance");
        assertThat(bundle.getEntry()).allSatisfy(e -> assertThat(e.getFullUrl()).startsWith("urn:uuid:"));
        assertThat(json).as("ids are the server's to give").doesNotContain("\"id\":", "versionId");
        Map<String, String> urls = bundle.getEntry().stream()
                .collect(Collectors.toMap(e -> e.getResource().fhirType(), Bundle.BundleEntryComponent::getFullUrl));
        CarePlan carePlan = resource(bundle, CarePlan.class);
        assertThat(carePlan.getSubject().getReference()).isEqualTo(urls.get("Patient"));
        assertThat(carePlan.getGoalFirstRep().getReference()).isEqualTo(urls.get("Goal"));
        assertThat(resource(bundle, Goal.class).getSubject().getReference()).isEqualTo(urls.get("Patient"));
        assertThat(resource(bundle, Provenance.class).getTarget())
                .extracting(Reference::getReference)
                .containsExactly(urls.get("Goal"), urls.get("CarePlan"));
        assertThat(resource(bundle, Patient.class).getIdentifierFirstRep().getSystem()).isEqualTo(MRN);
    }

    @Test
    void leavesReferencesToDefinitionsForTheServerToHold() {
        PlanTransaction transaction = PlanTransaction.of(FHIR, plan(), PATIENT, MRN, TOKEN);

        assertThat(transaction.definitionReferences()).containsExactly("PlanDefinition/pathway");
        assertThat(resource(parse(transaction.forCall(1)), Provenance.class)
                        .getEntityFirstRep()
                        .getWhat()
                        .getReference())
                .isEqualTo("PlanDefinition/pathway");
    }

    @Test
    void givesEachCallANewPatientEpisodeAndQuestionnaire() {
        PlanTransaction transaction = PlanTransaction.of(FHIR, plan(), PATIENT, MRN, TOKEN);

        List<Bundle> calls = List.of(parse(transaction.forCall(1)), parse(transaction.forCall(2)));

        Function<Bundle, List<String>> identities = b -> List.of(
                resource(b, Patient.class).getIdentifierFirstRep().getValue(),
                resource(b, CarePlan.class).getIdentifierFirstRep().getValue(),
                resource(b, Goal.class).getIdentifierFirstRep().getValue(),
                resource(b, Questionnaire.class).getUrl(),
                resource(b, CarePlan.class)
                        .getActivityFirstRep()
                        .getDetail()
                        .getInstantiatesCanonical()
                        .get(0)
                        .getValue());
        List<String> first = identities.apply(calls.get(0));
        List<String> second = identities.apply(calls.get(1));
        for (int i = 0; i < first.size(); i++) {
            assertThat(first.get(i)).isNotEqualTo(second.get(i));
        }
        assertThat(first).doesNotContain(PATIENT, "episode|" + TOKEN + "-e", "http://example.org/Questionnaire/q-1");
        assertThat(first.get(3) + "|1.0").isEqualTo(first.get(4));
    }

    /** A small plan as the service stores it: ids its own, references by type and id, a definition outside it. */
    private static List<Resource> plan() {
        Goal goal = new Goal();
        goal.setId("Goal/goal-1/_history/1");
        goal.getMeta().setVersionId("1");
        goal.addIdentifier().setSystem("urn:example:goal").setValue("episode|" + TOKEN + "-e#walk");
        goal.setSubject(new Reference("Patient/" + PATIENT));
        Questionnaire questionnaire = new Questionnaire();
        questionnaire.setId("Questionnaire/q-1");
        questionnaire.setUrl("http://example.org/Questionnaire/q-1");
        CarePlan carePlan = new CarePlan();
        carePlan.setId("CarePlan/cp-1");
        carePlan.addIdentifier().setSystem("urn:example:careplan").setValue("episode|" + TOKEN + "-e");
        carePlan.setSubject(new Reference("Patient/" + PATIENT));
        carePlan.addGoal(new Reference("Goal/goal-1"));
        carePlan.addActivity().getDetail().addInstantiatesCanonical("http://example.org/Questionnaire/q-1|1.0");
        Provenance provenance = new Provenance();
        provenance.setId("Provenance/prov-1");
        provenance.addTarget(new Reference("Goal/goal-1/_history/1"));
        provenance.addTarget(new Reference("CarePlan/cp-1"));
        provenance.addEntity().setWhat(new Reference("PlanDefinition/pathway"));
        return List.of(goal, questionnaire, carePlan, provenance);
    }

    private static Bundle parse(String json) {
        return FHIR.newJsonParser().parseResource(Bundle.class, json);
    }

    private static <T extends Resource> T resource(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow();
    }
}
