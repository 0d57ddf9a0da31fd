package org.spinefusion.careplan.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spinefusion.careplan.service.support.Fixtures.carePlan;
import static org.spinefusion.careplan.service.support.Fixtures.goal;
import static org.spinefusion.careplan.service.support.Fixtures.plannedCommunication;
import static org.spinefusion.careplan.service.support.Fixtures.provenance;
import static org.spinefusion.careplan.service.support.Fixtures.unique;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.FhirClients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@CarePlanIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirSearchIT {

    @LocalServerPort
    int port;

    @Autowired
    ResourceRepository repository;

    IGenericClient client;

    final String patientA = unique("pa");
    final String patientB = unique("pb");
    final String carePlanA = unique("cp");
    final String carePlanB = unique("cp");
    final String goalJune = unique("goal");
    final String goalSeptember = unique("goal");
    final String provenanceA = unique("prov");
    final String communicationA = unique("comm");
    final String questionnaireUrl = "http://careplan.spinefusion.org/fhir/Questionnaire/" + unique("q");

    @BeforeAll
    void storeTwoPatientsPlans() {
        client = FhirClients.client(port);
        String a = "Patient/" + patientA;
        repository.saveAll(List.of(
                goal(goalJune, a, "2026-06-01"),
                goal(goalSeptember, a, "2026-09-01"),
                carePlan(carePlanA, a)
                        .addGoal(new Reference("Goal/" + goalJune))
                        .addGoal(new Reference("Goal/" + goalSeptember)),
                plannedCommunication(communicationA, a, "2026-03-01T09:00:00+01:00"),
                carePlan(carePlanB, "Patient/" + patientB).setStatus(CarePlan.CarePlanStatus.REVOKED)));
        repository.saveAll(List.of(provenance(provenanceA, "CarePlan/" + carePlanA, "Goal/" + goalJune)));
        Questionnaire questionnaire = new Questionnaire();
        questionnaire.setId(unique("q"));
        questionnaire.setUrl(questionnaireUrl).setVersion("1.0.0").setStatus(PublicationStatus.ACTIVE);
        repository.saveAll(List.of(questionnaire));
    }

    @Test
    void findsCarePlansBySubject() {
        assertThat(ids("CarePlan?subject=Patient/" + patientA)).containsExactly(carePlanA);
        assertThat(ids("CarePlan?subject=Patient/" + patientB)).containsExactly(carePlanB);
        assertThat(ids("CarePlan?subject=Patient/" + unique("other"))).isEmpty();
    }

    @Test
    void findsCarePlansByPatientWithOrWithoutType() {
        assertThat(ids("CarePlan?patient=" + patientA)).containsExactly(carePlanA);
        assertThat(ids("CarePlan?patient=Patient/" + patientB)).containsExactly(carePlanB);
        assertThat(ids("CarePlan?subject=" + patientA)).containsExactly(carePlanA);
    }

    @Test
    void findsCarePlansByStatus() {
        assertThat(ids("CarePlan?subject=Patient/" + patientA + "&status=active"))
                .containsExactly(carePlanA);
        assertThat(ids("CarePlan?subject=Patient/" + patientA + "&status=revoked"))
                .isEmpty();
        assertThat(ids("CarePlan?subject=Patient/" + patientB + "&status=revoked,completed"))
                .containsExactly(carePlanB);
    }

    @Test
    void findsCarePlansByCategoryToken() {
        String subject = "CarePlan?subject=Patient/" + patientA;
        assertThat(ids(subject + "&category=http://snomed.info/sct|734163000")).containsExactly(carePlanA);
        assertThat(ids(subject + "&category=734163000")).containsExactly(carePlanA);
        assertThat(ids(subject + "&category=http://snomed.info/sct|")).containsExactly(carePlanA);
        assertThat(ids(subject + "&category=http://example.org/other|734163000"))
                .isEmpty();
        assertThat(ids(subject + "&category=000000")).isEmpty();
    }

    @Test
    void findsCarePlansByIdentifier() {
        String system = "http://careplan.spinefusion.org/fhir/identifier/careplan";
        assertThat(ids("CarePlan?identifier=" + system + "|episode-" + carePlanA))
                .containsExactly(carePlanA);
        assertThat(ids("CarePlan?identifier=episode-" + carePlanA)).containsExactly(carePlanA);
        assertThat(ids("CarePlan?identifier=http://example.org/other|episode-" + carePlanA))
                .isEmpty();
    }

    @Test
    void findsCarePlansByPeriodDate() {
        String subject = "CarePlan?subject=Patient/" + patientA;
        assertThat(ids(subject + "&date=ge2026-01-01")).containsExactly(carePlanA);
        assertThat(ids(subject + "&date=le2026-03-02")).containsExactly(carePlanA);
        assertThat(ids(subject + "&date=lt2026-03-02")).isEmpty();
        assertThat(ids(subject + "&date=gt2027-03-01")).isEmpty();
        assertThat(ids(subject + "&date=gt2027-02-28")).containsExactly(carePlanA);
        assertThat(ids(subject + "&date=ge2026-01-01&date=le2026-12-31")).containsExactly(carePlanA);
        assertThat(ids(subject + "&date=eq2026")).isEmpty();
        assertThat(ids(subject + "&date=eq2026-03-02")).isEmpty();
    }

    @Test
    void findsGoalsByTargetDate() {
        String subject = "Goal?subject=Patient/" + patientA;
        assertThat(ids(subject + "&target-date=2026-06-01")).containsExactly(goalJune);
        assertThat(ids(subject + "&target-date=ge2026-07-01")).containsExactly(goalSeptember);
        assertThat(ids(subject + "&target-date=2026-06-02")).isEmpty();
        assertThat(ids("Goal?patient=" + patientA + "&lifecycle-status=active")).hasSize(2);
        assertThat(ids("Goal?patient=" + patientA + "&lifecycle-status=cancelled"))
                .isEmpty();
    }

    @Test
    void findsCommunicationsByPlannedSendDay() {
        String subject = "Communication?subject=Patient/" + patientA;
        assertThat(ids(subject + "&date=2026-03-01")).containsExactly(communicationA);
        assertThat(ids(subject + "&date=2026-03-02")).isEmpty();
        assertThat(ids(subject + "&status=preparation&category=instruction")).containsExactly(communicationA);
        assertThat(ids("Communication?subject=Patient/" + patientB)).isEmpty();
    }

    @Test
    void findsProvenanceByTarget() {
        assertThat(ids("Provenance?target=CarePlan/" + carePlanA)).containsExactly(provenanceA);
        assertThat(ids("Provenance?target=CarePlan/" + carePlanB)).isEmpty();
    }

    @Test
    void findsById() {
        assertThat(ids("CarePlan?_id=" + carePlanA + "," + carePlanB)).containsExactlyInAnyOrder(carePlanA, carePlanB);
        assertThat(ids("CarePlan?_id=" + goalJune)).isEmpty();
    }

    @Test
    void findsByLastUpdated() {
        String subject = "CarePlan?subject=Patient/" + patientA;
        assertThat(ids(subject + "&_lastUpdated=ge2020-01-01")).containsExactly(carePlanA);
        assertThat(ids(subject + "&_lastUpdated=lt2020-01-01")).isEmpty();
    }

    @Test
    void findsQuestionnairesByUrlAndVersion() {
        assertThat(ids("Questionnaire?url=" + questionnaireUrl)).hasSize(1);
        assertThat(ids("Questionnaire?url=" + questionnaireUrl + "&version=1.0.0"))
                .hasSize(1);
        assertThat(ids("Questionnaire?url=" + questionnaireUrl + "&version=2.0.0"))
                .isEmpty();
        assertThat(ids("Questionnaire?url=" + questionnaireUrl + "-other")).isEmpty();
    }

    @Test
    void sortsNewestFirstOnRequest() {
        String patient = "Patient/" + unique("pc");
        String older = unique("cp");
        String newer = unique("cp");
        repository.saveAll(List.of(carePlan(older, patient)));
        repository.saveAll(List.of(carePlan(newer, patient)));

        assertThat(ids("CarePlan?subject=" + patient)).containsExactly(older, newer);
        assertThat(ids("CarePlan?subject=" + patient + "&_sort=-_lastUpdated")).containsExactly(newer, older);
        assertThat(ids("CarePlan?subject=" + patient + "&_sort=_lastUpdated")).containsExactly(older, newer);
    }

    @Test
    void includesGoalsAndRevincludesProvenanceAsIncludes() {
        Bundle bundle = search("CarePlan?_id=" + carePlanA + "&_include=CarePlan:goal&_revinclude=Provenance:target");

        assertThat(bundle.getTotal()).isEqualTo(1);
        assertThat(bundle.getEntry())
                .filteredOn(entry -> entry.getSearch().getMode() == SearchEntryMode.MATCH)
                .extracting(entry -> entry.getResource().getIdElement().getIdPart())
                .containsExactly(carePlanA);
        assertThat(bundle.getEntry())
                .filteredOn(entry -> entry.getSearch().getMode() == SearchEntryMode.INCLUDE)
                .extracting(entry -> entry.getResource().fhirType() + "/"
                        + entry.getResource().getIdElement().getIdPart())
                .containsExactlyInAnyOrder("Goal/" + goalJune, "Goal/" + goalSeptember, "Provenance/" + provenanceA);
    }

    @Test
    void leavesIncludesOutUnlessAsked() {
        Bundle bundle = search("CarePlan?_id=" + carePlanA);

        assertThat(bundle.getEntry()).hasSize(1);
        assertThat(bundle.getEntryFirstRep().getResource()).isInstanceOf(CarePlan.class);
    }

    @Test
    void rejectsUnknownSearchParameter() {
        assertBadRequest("CarePlan?colour=blue", "colour");
    }

    @Test
    void rejectsIncludeThatIsNotOffered() {
        assertBadRequest("CarePlan?_include=CarePlan:subject", "CarePlan:subject");
    }

    @Test
    void rejectsSortOnOtherParameters() {
        assertBadRequest("CarePlan?_sort=status", "_sort");
    }

    @Test
    void rejectsPatientSearchWithAnotherResourceType() {
        assertBadRequest("CarePlan?patient=Group/" + patientA, "Group");
    }

    private void assertBadRequest(String url, String mentioned) {
        assertThatThrownBy(() -> search(url)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(400);
            assertThat(((OperationOutcome) e.getOperationOutcome())
                            .getIssueFirstRep()
                            .getDiagnostics())
                    .contains(mentioned);
        });
    }

    private List<String> ids(String url) {
        return search(url).getEntry().stream()
                .filter(entry -> entry.getSearch().getMode() == SearchEntryMode.MATCH)
                .map(entry -> entry.getResource().getIdElement().getIdPart())
                .toList();
    }

    private Bundle search(String url) {
        return client.search().byUrl(url).returnBundle(Bundle.class).execute();
    }
}
