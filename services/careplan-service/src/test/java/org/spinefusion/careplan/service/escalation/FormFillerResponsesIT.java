package org.spinefusion.careplan.service.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.util.Map;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.TestHttp;
import org.spinefusion.careplan.service.support.TestReceipts;
import org.spinefusion.careplan.service.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Responses as form fillers such as LHC-Forms make them (no subject, their own meta.profile, our Questionnaire's
 * canonical with its version) are taken in and escalated; what is wrong with them is still refused with a 4xx.
 */
@CarePlanIntegrationTest
class FormFillerResponsesIT {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final String LHC_PROFILE = "http://hl7.org/fhir/4.0/StructureDefinition/QuestionnaireResponse";
    static final String PATIENT_SCOPES = "patient/QuestionnaireResponse.cr patient/Questionnaire.r";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    SymptomChecks checks;

    @BeforeEach
    void setUp() {
        checks = new SymptomChecks(port);
    }

    @Test
    void takesAFormFillersResponseFromThePatientsAppAndEscalatesIt() throws Exception {
        EpisodeSpec episode = checks.newEpisode();
        QuestionnaireResponse response = asFormFillerMakesIt(episode, Map.of("chest-pain", true));

        HttpResponse<String> created = post(response, TestTokens.patient(episode.patientId(), PATIENT_SCOPES));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        QuestionnaireResponse stored = FHIR.newJsonParser().parseResource(QuestionnaireResponse.class, created.body());
        assertThat(stored.getSubject().getReference())
                .isEqualTo(episode.patient().getReference());
        assertThat(stored.getMeta().getProfile())
                .extracting(CanonicalType::getValue)
                .doesNotContain(LHC_PROFILE);
        assertThat(stored.getQuestionnaire())
                .isEqualTo(SymptomChecks.questionnaireUrl(episode, "postop-symptom-check"));
        assertThat(checks.alerts(episode)).anyMatch(alert -> SymptomChecks.isAbout(alert, stored.getIdPart()));
    }

    @Test
    void takesTheSubjectFromTheQuestionnairesEpisodeForASystemClient() throws Exception {
        EpisodeSpec episode = checks.newEpisode();
        HttpResponse<String> created = post(asFormFillerMakesIt(episode, Map.of("fall", false)), TestTokens.system());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(FHIR.newJsonParser()
                        .parseResource(QuestionnaireResponse.class, created.body())
                        .getSubject()
                        .getReference())
                .isEqualTo(episode.patient().getReference());
    }

    @Test
    void acceptsEveryCodeTheAnswerValueSetExpandsTo() throws Exception {
        EpisodeSpec episode = checks.newEpisode();
        for (String code : new String[] {"clear-watery", "cloudy-or-pus"}) {
            QuestionnaireResponse response =
                    asFormFillerMakesIt(episode, Map.of("wound-drainage", true, "wound-drainage-type", code));
            HttpResponse<String> created = post(response, TestTokens.system());
            assertThat(created.statusCode()).as(code + created.body()).isEqualTo(201);
        }
    }

    @Test
    void refusesACodeOutsideTheAnswerValueSet() throws Exception {
        EpisodeSpec episode = checks.newEpisode();
        QuestionnaireResponse response =
                asFormFillerMakesIt(episode, Map.of("wound-drainage", true, "wound-drainage-type", "green-glitter"));
        long before = rows();

        HttpResponse<String> refused = post(response, TestTokens.system());

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("'wound-drainage-type' has no such answer in its value set");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void refusesAFormFillersResponseFromAnotherPatientsToken() throws Exception {
        EpisodeSpec episode = checks.newEpisode();
        long before = rows();
        HttpResponse<String> refused = post(
                asFormFillerMakesIt(episode, Map.of("chest-pain", true)),
                TestTokens.patient("someone-else", PATIENT_SCOPES));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void refusesTenThousandCopiesOfANonRepeatingGroupWithOneIssue() throws Exception {
        EpisodeSpec episode = checks.newEpisode();
        QuestionnaireResponse response = asFormFillerMakesIt(episode, Map.of("fall", false));
        for (int i = 0; i < 10_000; i++) {
            response.addItem(new QuestionnaireResponseItemComponent().setLinkId("other"));
        }
        long before = rows();

        HttpResponse<String> refused = post(response, TestTokens.system());

        assertThat(refused.statusCode()).isEqualTo(422);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, refused.body());
        assertThat(outcome.getIssue()).hasSize(1);
        assertThat(outcome.getIssueFirstRep().getDiagnostics())
                .contains("'other'")
                .contains("does not repeat");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void refusesARepeatedNonRepeatingQuestion() throws Exception {
        EpisodeSpec episode = checks.newEpisode();
        QuestionnaireResponse response = asFormFillerMakesIt(episode, Map.of("fall", false));
        QuestionnaireResponseItemComponent general = response.getItem().stream()
                .filter(item -> item.getLinkId().equals("general"))
                .findFirst()
                .orElseThrow();
        general.addItem(general.getItemFirstRep().copy());

        HttpResponse<String> refused = post(response, TestTokens.system());

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("'fall' does not repeat");
    }

    /** What LHC-Forms sends: no subject, its own profile claim, the canonical with a version, authored (a check-in day). */
    private QuestionnaireResponse asFormFillerMakesIt(EpisodeSpec episode, Map<String, Object> answers) {
        QuestionnaireResponse response = checks.symptoms(episode, answers);
        response.setSubject(null);
        response.getMeta().addProfile(LHC_PROFILE);
        response.setQuestionnaire(response.getQuestionnaire() + "|0.1.0");
        response.getItem().forEach(FormFillerResponsesIT::codedAnswersWithDisplay);
        return response;
    }

    private static void codedAnswersWithDisplay(QuestionnaireResponseItemComponent item) {
        item.getAnswer().stream()
                .filter(answer -> answer.getValue() instanceof Coding)
                .forEach(answer -> ((Coding) answer.getValue()).setDisplay("as shown"));
        item.getItem().forEach(FormFillerResponsesIT::codedAnswersWithDisplay);
    }

    private HttpResponse<String> post(QuestionnaireResponse response, String token) throws Exception {
        try (TestReceipts.Receipt receipt = SymptomChecks.receivedAtAuthored(response)) {
            return send(response, token);
        }
    }

    private HttpResponse<String> send(QuestionnaireResponse response, String token) throws Exception {
        return new TestHttp(port)
                .withToken(token)
                .post(
                        "QuestionnaireResponse",
                        "application/fhir+json",
                        FHIR.newJsonParser().encodeResourceToString(response));
    }

    private long rows() {
        return jdbc.sql("select (select count(*) from resource_version) + (select count(*) from escalation)")
                .query(Long.class)
                .single();
    }
}
