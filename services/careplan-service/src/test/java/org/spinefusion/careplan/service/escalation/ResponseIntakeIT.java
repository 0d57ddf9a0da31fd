package org.spinefusion.careplan.service.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.TestHttp;
import org.spinefusion.careplan.service.support.TestReceipts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bad responses are refused with a 4xx OperationOutcome and leave nothing behind. */
@CarePlanIntegrationTest
class ResponseIntakeIT {

    static final FhirContext FHIR = FhirContext.forR4Cached();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    SymptomChecks checks;
    TestHttp http;

    @BeforeEach
    void setUp() {
        checks = new SymptomChecks(port);
        http = new TestHttp(port);
    }

    @Test
    void refusesAnUnknownLinkId() throws Exception {
        EpisodeSpec episode = checks.newEpisode();
        QuestionnaireResponse response = checks.symptoms(episode, Map.of("chest-pain", true));
        response.addItem().setLinkId("not-a-question").addAnswer().setValue(new StringType("x"));
        assertRefusedAndNothingStored((response), "not-a-question");
    }

    @Test
    void refusesAnAnswerOfTheWrongType() throws Exception {
        EpisodeSpec episode = checks.newEpisode();
        QuestionnaireResponse response = checks.symptoms(episode, Map.of("chest-pain", new IntegerType(1)));
        assertRefusedAndNothingStored((response), "chest-pain");
    }

    @Test
    void refusesAPainScoreOutsideItsRangeAndAMissingRequiredAnswer() throws Exception {
        EpisodeSpec episode = checks.newEpisode();
        assertRefusedAndNothingStored((checks.symptoms(episode, Map.of("pain-score", 11))), "pain-score");
        QuestionnaireResponse withoutPain = checks.symptoms(episode, Map.of("fall", true));
        withoutPain.getItem().removeIf(item -> item.getLinkId().equals("pain-group"));
        assertRefusedAndNothingStored((withoutPain), "pain-score");
    }

    @Test
    void refusesAResponseAboutAnotherPatientsQuestionnaire() throws Exception {
        EpisodeSpec episode = checks.newEpisode();
        QuestionnaireResponse response = checks.symptoms(episode, Map.of("chest-pain", true));
        response.getSubject().setReference("Patient/someone-else");
        assertRefusedAndNothingStored((response), "another patient");
    }

    @Test
    void refusesAResponseForARevokedPlan() throws Exception {
        EpisodeSpec episode = checks.newEpisode();
        QuestionnaireResponse response = checks.symptoms(episode, Map.of("chest-pain", true));
        checks.apply(episode.withStatus(ServiceRequest.ServiceRequestStatus.REVOKED));
        assertRefusedAndNothingStored((response), "revoked");
    }

    @Test
    void refusesAResponseToAQuestionnaireThatIsNoCarePlans() throws Exception {
        EpisodeSpec episode = checks.newEpisode();
        QuestionnaireResponse response = checks.symptoms(episode, Map.of("chest-pain", true));
        response.setQuestionnaire("http://careplan.spinefusion.org/fhir/Questionnaire/postop-symptom-check");
        assertRefusedAndNothingStored((response), "questionnaire");
    }

    @Test
    void refusesAPostOperativeSymptomCheckAnsweredBeforeTheSurgeryAndSaysWhy() throws Exception {
        EpisodeSpec episode = checks.newEpisode(LocalDate.of(2027, 3, 14));
        QuestionnaireResponse early =
                checks.symptoms(episode, Map.of("temperature-taken", true, "temperature", 38.6, "wound-redness", true));
        early.setAuthoredElement(new DateTimeType("2026-12-01T10:00:00Z"));
        assertRefusedAndNothingStored(early, "this check-in is for after surgery on 2027-03-14");

        QuestionnaireResponse onTheDay = checks.symptoms(episode, Map.of("wound-redness", true));
        onTheDay.setAuthoredElement(new DateTimeType("2027-03-14T18:00:00Z"));
        assertRefusedAndNothingStored(onTheDay, "it opens on 2027-03-15");
        assertThat(checks.alerts(episode)).isEmpty();
    }

    @Test
    void refusesASymptomCheckAnsweredAfterTheLastCheckInOfThePlan() throws Exception {
        EpisodeSpec episode = checks.newEpisode(LocalDate.of(2027, 3, 14));
        QuestionnaireResponse late = checks.symptoms(episode, Map.of("wound-redness", true));
        late.setAuthoredElement(new DateTimeType("2027-09-01T10:00:00Z"));
        assertRefusedAndNothingStored(late, "the check-ins of this care plan ended on");
    }

    @Test
    void takesASymptomCheckOnTheFirstCheckInDayAfterTheSurgery() throws Exception {
        EpisodeSpec episode = checks.newEpisode(LocalDate.of(2027, 3, 14));
        QuestionnaireResponse dayOne = checks.symptoms(episode, Map.of("wound-redness", true));
        dayOne.setAuthoredElement(new DateTimeType("2027-03-15T08:00:00Z"));
        assertThat(post(dayOne).statusCode()).isEqualTo(201);
        assertThat(checks.alerts(episode)).hasSize(1);
    }

    @Test
    void judgesTheCheckInDayByReceiptNotByTheAuthoredTheClientClaims() throws Exception {
        EpisodeSpec episode = checks.newEpisode(LocalDate.of(2027, 3, 14));
        QuestionnaireResponse claimsACheckInDay = checks.symptoms(episode, Map.of("wound-redness", true));
        claimsACheckInDay.setAuthoredElement(new DateTimeType("2027-03-16T10:00:00Z"));
        long before = rows();

        HttpResponse<String> refused = postReceivedAt(claimsACheckInDay, "2026-12-01T10:00:00Z");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("this check-in is for after surgery on 2027-03-14");
        assertThat(rows()).isEqualTo(before);
        assertThat(checks.alerts(episode)).isEmpty();
    }

    @Test
    void anOfflineAnswerCountsOnTheDayItArrivesAndKeepsTheTimeThePatientGave() throws Exception {
        EpisodeSpec episode = checks.newEpisode(LocalDate.of(2027, 3, 14));
        QuestionnaireResponse onTheLastDay = checks.symptoms(episode, Map.of("wound-redness", true));
        onTheLastDay.setAuthoredElement(new DateTimeType("2027-06-11T20:00:00Z"));
        HttpResponse<String> afterTheLastDay = postReceivedAt(onTheLastDay, "2027-06-14T10:00:00Z");
        assertThat(afterTheLastDay.statusCode()).isEqualTo(422);
        assertThat(afterTheLastDay.body()).contains("the check-ins of this care plan ended on 2027-06-12");

        QuestionnaireResponse offline = checks.symptoms(episode, Map.of("wound-redness", true));
        offline.setAuthoredElement(new DateTimeType("2027-03-16T20:00:00Z"));
        HttpResponse<String> insideTheWindow = postReceivedAt(offline, "2027-03-18T10:00:00Z");
        assertThat(insideTheWindow.statusCode()).isEqualTo(201);
        QuestionnaireResponse stored =
                FHIR.newJsonParser().parseResource(QuestionnaireResponse.class, insideTheWindow.body());
        assertThat(stored.getAuthored().toInstant()).isEqualTo(Instant.parse("2027-03-16T20:00:00Z"));
    }

    @Test
    void anAuthoredAheadOfReceiptIsReplacedByTheTimeOfReceipt() throws Exception {
        EpisodeSpec episode = checks.newEpisode(LocalDate.of(2027, 3, 14));
        QuestionnaireResponse ahead = checks.symptoms(episode, Map.of("wound-redness", true));
        ahead.setAuthoredElement(new DateTimeType("2027-06-01T10:00:00Z"));

        HttpResponse<String> created = postReceivedAt(ahead, "2027-03-16T10:00:00Z");

        assertThat(created.statusCode()).isEqualTo(201);
        QuestionnaireResponse stored = FHIR.newJsonParser().parseResource(QuestionnaireResponse.class, created.body());
        assertThat(stored.getAuthored().toInstant()).isEqualTo(Instant.parse("2027-03-16T10:00:00Z"));
    }

    @Test
    void refusesMalformedContent() throws Exception {
        long before = rows();
        HttpResponse<String> response =
                http.post("QuestionnaireResponse", "application/fhir+json", "{\"resourceType\":\"Questionn");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(FHIR.newJsonParser()
                        .parseResource(OperationOutcome.class, response.body())
                        .getIssue())
                .isNotEmpty();
        assertThat(rows()).isEqualTo(before);
    }

    /** Posts the response as received at its {@code authored}, the check-in day the test means. */
    private HttpResponse<String> post(QuestionnaireResponse response) throws Exception {
        try (TestReceipts.Receipt receipt = SymptomChecks.receivedAtAuthored(response)) {
            return send(response);
        }
    }

    private HttpResponse<String> postReceivedAt(QuestionnaireResponse response, String received) throws Exception {
        try (TestReceipts.Receipt receipt = TestReceipts.receivedAt(Instant.parse(received))) {
            return send(response);
        }
    }

    private HttpResponse<String> send(QuestionnaireResponse response) throws Exception {
        return http.post(
                "QuestionnaireResponse",
                "application/fhir+json",
                FHIR.newJsonParser().encodeResourceToString(response));
    }

    private void assertRefusedAndNothingStored(QuestionnaireResponse submitted, String mentioned) throws Exception {
        long before = rows();
        HttpResponse<String> response = post(submitted);
        assertThat(rows()).isEqualTo(before);
        assertThat(response.statusCode()).isEqualTo(422);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssue()).isNotEmpty();
        assertThat(outcome.getIssue().stream().map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics))
                .anyMatch(text -> text.contains(mentioned));
    }

    /** Rows a response could leave: resources it writes, escalation state and jobs. */
    private long rows() {
        return jdbc.sql("select (select count(*) from resource_version) + (select count(*) from escalation)"
                        + " + (select count(*) from scheduled_tasks)")
                .query(Long.class)
                .single();
    }
}
