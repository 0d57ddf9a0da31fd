package org.spinefusion.careplan.service.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every kind of bad $apply input gets a 4xx OperationOutcome that names the problem, and writes nothing. */
@CarePlanIntegrationTest
class ApplyBadInputIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApplyCalls calls;
    EpisodeSpec episode;

    @BeforeEach
    void setUp() {
        calls = new ApplyCalls(port);
        episode = EpisodeSpec.lumbar(
                Fixtures.unique("bad"),
                LocalDate.of(2027, 4, 6),
                "approach-posterior",
                "technique-open",
                "setting-inpatient",
                "closure-staples");
    }

    @Test
    void aMissingSurgeryDateIsUnprocessable() throws Exception {
        ServiceRequest surgery = episode.surgeryRequest();
        surgery.setOccurrence(null);
        assertRefused(
                () -> apply(episode.patient().getReference(), bundleOf(surgery)), 422, "ServiceRequest.occurrence");
    }

    @Test
    void anUnparseableSurgeryDateIsABadRequest() throws Exception {
        String body = ApplyCalls.json(ApplyCalls.parameters(episode.patient().getReference(), episode.data()))
                .replace("\"occurrenceDateTime\":\"2027-04-06\"", "\"occurrenceDateTime\":\"6th of April\"");
        assertThat(body).contains("6th of April");
        assertRefused(() -> calls.postApply(body), 400, null);
    }

    @Test
    void anUnknownProcedureCodeIsUnprocessable() throws Exception {
        ServiceRequest surgery = episode.surgeryRequest();
        surgery.setCode(new CodeableConcept().addCoding(new Coding("http://snomed.info/sct", "80146002", null)));
        assertRefused(() -> apply(episode.patient().getReference(), bundleOf(surgery)), 422, "ServiceRequest.code");
    }

    @Test
    void anUnknownEpisodeDetailIsUnprocessable() throws Exception {
        ServiceRequest surgery = episode.surgeryRequest();
        surgery.getOrderDetailFirstRep().getCodingFirstRep().setCode("teleportation");
        assertRefused(
                () -> apply(episode.patient().getReference(), bundleOf(surgery)), 422, "ServiceRequest.orderDetail[0]");
    }

    @Test
    void aSubjectThatDisagreesWithTheDataIsUnprocessable() throws Exception {
        assertRefused(() -> apply("Patient/somebody-else", episode.data()), 422, "Parameters.subject");
    }

    @Test
    void aSurgeryTooFarInThePastIsUnprocessable() throws Exception {
        EpisodeSpec longAgo = episode.withSurgeryDate(LocalDate.of(2025, 6, 15));
        assertRefused(() -> apply(longAgo.patient().getReference(), longAgo.data()), 422, "ServiceRequest.occurrence");
    }

    @Test
    void anUnknownPlanDefinitionIsNotFound() throws Exception {
        String body = ApplyCalls.json(ApplyCalls.parameters(episode.patient().getReference(), episode.data()));
        assertRefused(
                () -> calls.post("PlanDefinition/hip-replacement/$apply", "application/fhir+json", body), 404, null);
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        assertRefused(() -> calls.postApply("{\"resourceType\":\"Parameters\",\"parameter\":["), 400, null);
    }

    @Test
    void aWrongContentTypeIsUnsupported() throws Exception {
        String body = ApplyCalls.json(ApplyCalls.parameters(episode.patient().getReference(), episode.data()));
        assertRefused(() -> calls.post(ApplyCalls.PATHWAY + "/$apply", "text/plain", body), 415, null);
    }

    @Test
    void aMissingSubjectIsABadRequest() throws Exception {
        assertRefused(() -> apply(null, episode.data()), 400, null);
    }

    @Test
    void missingDataIsABadRequest() throws Exception {
        assertRefused(() -> apply(episode.patient().getReference(), null), 400, null);
    }

    @Test
    void anEpisodeIdentifierOfAnotherPatientIsAConflict() throws Exception {
        calls.apply(episode);
        EpisodeSpec sameOrderOtherPatient = episode.withPatient("pat-other-" + episode.name());
        assertRefused(
                () -> apply(sameOrderOtherPatient.patient().getReference(), sameOrderOtherPatient.data()),
                422,
                "ServiceRequest.identifier");
    }

    private HttpResponse<String> apply(String subject, Bundle data) throws Exception {
        return calls.postApply(ApplyCalls.json(ApplyCalls.parameters(subject, data)));
    }

    /** A call to make, measured against the database before and after. */
    interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private void assertRefused(Call call, int status, String expression) throws Exception {
        long versions = count("resource_version");
        long episodes = count("episode");
        long snapshots = count("search_snapshot");
        HttpResponse<String> response = call.send();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        OperationOutcome outcome = ApplyCalls.outcome(response);
        assertThat(outcome.getIssue()).isNotEmpty();
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).isNotBlank().doesNotContain("Exception");
        if (expression != null) {
            assertThat(outcome.getIssue()).anySatisfy(issue -> assertThat(issue.getExpression())
                    .extracting(e -> e.getValue())
                    .contains(expression));
        }
        assertThat(response.body()).doesNotContain("at org.");
        assertThat(count("resource_version")).as("resource versions written").isEqualTo(versions);
        assertThat(count("episode")).as("episodes written").isEqualTo(episodes);
        assertThat(count("search_snapshot")).as("searches stored").isEqualTo(snapshots);
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private static Bundle bundleOf(ServiceRequest surgery) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.addEntry().setResource(surgery);
        return bundle;
    }
}
