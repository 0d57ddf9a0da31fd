package org.spinefusion.careplan.service.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.support.Fixtures;

class SearchColumnsTest {

    private final SearchColumnsByType columns = new SearchColumnsByType(
            List.of(new CarePlanColumns(), new GoalColumns(), new CommunicationColumns(), new ProvenanceColumns()));

    @Test
    void datesAPlannedCommunicationByItsPlannedSendTime() {
        Communication planned = Fixtures.plannedCommunication("c1", "Patient/p", "2026-03-01T09:00:00+01:00");

        SearchValues values = columns.extract(planned);

        assertThat(values.dateStart()).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
        assertThat(values.status()).isEqualTo("preparation");
        assertThat(values.subject()).isEqualTo("Patient/p");
    }

    @Test
    void datesASentCommunicationByItsSendTime() {
        Communication sent = Fixtures.plannedCommunication("c1", "Patient/p", "2026-03-01T09:00:00+01:00");
        sent.setSentElement(new DateTimeType("2026-03-05T10:00:00Z"));

        assertThat(columns.extract(sent).dateStart()).isEqualTo(Instant.parse("2026-03-05T10:00:00Z"));
    }

    @Test
    void spansAllTargetDueDatesOfAGoal() {
        Goal goal = Fixtures.goal("g1", "Patient/p", "2026-06-01");
        goal.addTarget().setDue(new DateType("2026-09-01"));

        SearchValues values = columns.extract(goal);

        assertThat(values.dateStart()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(values.dateEnd()).isEqualTo(Instant.parse("2026-09-02T00:00:00Z"));
        assertThat(values.identifiers()).contains("http://careplan.spinefusion.org/fhir/identifier/goal|episode#g1");
    }

    @Test
    void indexesEveryCanonicalResourceByStatusIdentifierUrlAndVersion() {
        Questionnaire questionnaire = new Questionnaire();
        questionnaire.setStatus(Enumerations.PublicationStatus.ACTIVE);
        questionnaire.setUrl("http://careplan.spinefusion.org/fhir/Questionnaire/q1");
        questionnaire.setVersion("0.1.0");
        questionnaire.addIdentifier().setSystem("urn:example:q").setValue("episode#postop");
        PlanDefinition plan = new PlanDefinition();
        plan.setStatus(Enumerations.PublicationStatus.DRAFT);
        plan.addIdentifier().setSystem("urn:example:pd").setValue("pathway");

        SearchValues values = columns.extract(questionnaire);

        assertThat(values.status()).isEqualTo("active");
        assertThat(values.identifiers()).contains("urn:example:q|episode#postop");
        assertThat(values.url()).isEqualTo("http://careplan.spinefusion.org/fhir/Questionnaire/q1");
        assertThat(values.version()).isEqualTo("0.1.0");
        assertThat(columns.extract(plan).identifiers()).contains("urn:example:pd|pathway");
        assertThat(columns.extract(plan).status()).isEqualTo("draft");
    }

    @Test
    void keepsProvenanceTargetsWithoutVersionOrBase() {
        Provenance provenance =
                Fixtures.provenance("prov1", "CarePlan/cp1/_history/3", "http://careplan.spinefusion.org/fhir/Goal/g1");
        provenance.addTarget(new Reference("#contained"));

        assertThat(columns.extract(provenance).refs()).containsExactly("CarePlan/cp1", "Goal/g1");
    }

    @Test
    void givesCanonicalResourcesWithoutAStrategyTheirUrlAndStatus() {
        ValueSet valueSet = new ValueSet();
        valueSet.setUrl("http://example.org/ValueSet/x").setVersion("1.0.0");
        valueSet.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);

        SearchValues values = columns.extract(valueSet);

        assertThat(values.url()).isEqualTo("http://example.org/ValueSet/x");
        assertThat(values.version()).isEqualTo("1.0.0");
        assertThat(values.status()).isEqualTo("active");
    }
}
