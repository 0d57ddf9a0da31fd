package org.spinefusion.careplan.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.FhirClients;
import org.spinefusion.careplan.service.support.Fixtures;
import org.spinefusion.careplan.service.support.TestHttp;
import org.spinefusion.careplan.service.support.TestTokens;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An episode's tailored Questionnaires show its tailoring (a smoking section, neck questions): a patient's token sees
 * the base forms and its own tailored ones, never another patient's; and their identifiers name the episode by an
 * opaque key, not by the EHR's order number.
 */
@CarePlanIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TailoredQuestionnairePrivacyIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @LocalServerPort
    int port;

    private EpisodeSpec mine;
    private EpisodeSpec theirs;
    private List<String> myForms;
    private List<String> theirForms;

    @BeforeAll
    void applyTwoPatientsPlans() {
        LocalDate surgery = LocalDate.now().plusWeeks(6);
        mine = EpisodeSpec.lumbar(Fixtures.unique("tq-a"), surgery);
        theirs = EpisodeSpec.lumbar(Fixtures.unique("tq-b"), surgery, "nicotine-use");
        myForms = tailoredIds(apply(mine));
        theirForms = tailoredIds(apply(theirs));
    }

    @Test
    void hidesAnotherPatientsTailoredQuestionnaires() throws Exception {
        TestHttp patientA = new TestHttp(port).withToken(TestTokens.patient(mine.patientId(), "patient/*.rs"));

        for (String id : theirForms) {
            assertThat(patientA.get("Questionnaire/" + id).statusCode()).isEqualTo(404);
        }
        for (String id : myForms) {
            assertThat(patientA.get("Questionnaire/" + id).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> search = patientA.get("Questionnaire?_count=200");
        assertThat(search.statusCode()).isEqualTo(200);
        List<String> listed = FHIR.newJsonParser().parseResource(Bundle.class, search.body()).getEntry().stream()
                .map(entry -> entry.getResource().getIdElement().getIdPart())
                .toList();
        assertThat(listed).doesNotContainAnyElementsOf(theirForms).contains("postop-symptom-check");
    }

    @Test
    void namesTheEpisodeByAnOpaqueKeyNotTheOrderNumber() {
        for (String id : theirForms) {
            Questionnaire form = FhirClients.client(port)
                    .read()
                    .resource(Questionnaire.class)
                    .withId(id)
                    .execute();
            assertThat(FHIR.newJsonParser().encodeResourceToString(form)).doesNotContain(theirs.episodeId());
            assertThat(form.getIdentifierFirstRep().getValue()).startsWith("cp-");
        }
    }

    private CarePlan apply(EpisodeSpec episode) {
        return FhirClients.applyPathway(port, episode);
    }

    private static List<String> tailoredIds(CarePlan plan) {
        List<String> ids = plan.getActivity().stream()
                .flatMap(activity -> activity.getDetail().getInstantiatesCanonical().stream())
                .map(canonical -> canonical.getValue().split("\\|", 2)[0])
                .filter(url -> url.contains("/Questionnaire/q-"))
                .map(url -> url.substring(url.lastIndexOf('/') + 1))
                .distinct()
                .toList();
        assertThat(ids).isNotEmpty();
        return ids;
    }
}
