package org.spinefusion.careplan.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.parser.IParser;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.definition.CompiledPathway;
import org.spinefusion.careplan.pathway.definition.PathwayCompiler;
import org.spinefusion.careplan.pathway.fhirpath.FhirPathConditions;
import org.spinefusion.careplan.pathway.testing.Engines;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;

/** What the engine does with good, changed, cancelled and bad episode input. */
class EpisodeInputTest {

    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    static final EpisodeSpec EPISODE = EpisodeSpec.lumbar(
            "input",
            LocalDate.of(2027, 1, 12),
            "approach-posterior",
            "technique-open",
            "graft-autologous",
            "hardware-screws",
            "setting-inpatient",
            "closure-staples",
            "nicotine-use");

    @Test
    void sameInputGivesIdenticalResources() {
        IParser json = Engines.FHIR.newJsonParser();
        ApplyResult first = Engines.engine().apply(Engines.request(EPISODE, NOW));
        ApplyResult second = Engines.engine().apply(Engines.request(EPISODE, NOW.plusSeconds(3600)));
        assertThat(second.planResources()).hasSameSizeAs(first.planResources());
        for (int i = 0; i < first.planResources().size(); i++) {
            assertThat(json.encodeResourceToString(second.planResources().get(i)))
                    .isEqualTo(json.encodeResourceToString(first.planResources().get(i)));
        }
        assertThat(second.episode().fingerprint()).isEqualTo(first.episode().fingerprint());
    }

    @Test
    void aMovedSurgeryDateKeepsIdsAndChangesTheFingerprintAndDates() {
        ApplyResult first = Engines.engine().apply(Engines.request(EPISODE, NOW));
        ApplyResult moved =
                Engines.engine().apply(Engines.request(EPISODE.withSurgeryDate(LocalDate.of(2027, 2, 2)), NOW));
        assertThat(moved.carePlan().getIdPart()).isEqualTo(first.carePlan().getIdPart());
        assertThat(moved.episode().fingerprint()).isNotEqualTo(first.episode().fingerprint());
        assertThat(moved.carePlan().getPeriod().getStartElement().getValueAsString())
                .isNotEqualTo(first.carePlan().getPeriod().getStartElement().getValueAsString());
    }

    @Test
    void cancelledSurgeryRevokesThePlanAndEverythingInIt() {
        ApplyResult result = Engines.engine()
                .apply(Engines.request(EPISODE.withStatus(ServiceRequest.ServiceRequestStatus.REVOKED), NOW));
        assertThat(result.carePlan().getStatus()).isEqualTo(CarePlan.CarePlanStatus.REVOKED);
        assertThat(result.carePlan().getActivity())
                .allSatisfy(a ->
                        assertThat(a.getDetail().getStatus()).isEqualTo(CarePlan.CarePlanActivityStatus.CANCELLED));
        assertThat(result.goals())
                .allSatisfy(g -> assertThat(g.getLifecycleStatus()).isEqualTo(Goal.GoalLifecycleStatus.CANCELLED));
        assertThat(result.communications())
                .allSatisfy(c -> assertThat(c.getStatus()).isEqualTo(Communication.CommunicationStatus.NOTDONE));
    }

    @Test
    void educationMessagesArePlannedAtTheClinicMorningOfTheirDay() {
        ApplyResult result = Engines.engine().apply(Engines.request(EPISODE, NOW));
        assertThat(result.communications()).isNotEmpty();
        for (Communication message : result.communications()) {
            DateTimeType planned = (DateTimeType)
                    message.getExtensionByUrl(Canonicals.EXT_PLANNED_SEND_TIME).getValue();
            assertThat(planned.getValueAsString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*-0[56]:00");
            assertThat(message.getStatus()).isEqualTo(Communication.CommunicationStatus.PREPARATION);
            assertThat(message.getPayloadFirstRep().getContentStringType().getValue())
                    .isNotBlank();
        }
    }

    @Test
    void refusesAMissingSurgeryDate() {
        ServiceRequest surgery = EPISODE.surgeryRequest();
        surgery.setOccurrence(null);
        assertProblem(bundleOf(surgery), "required", "ServiceRequest.occurrence");
    }

    @Test
    void refusesASurgeryDateWithoutTheDay() {
        ServiceRequest surgery = EPISODE.surgeryRequest();
        surgery.setOccurrence(new DateTimeType("2027-01"));
        assertProblem(bundleOf(surgery), "invalid", "ServiceRequest.occurrence");
    }

    @Test
    void refusesASurgeryDateGivenAsAPeriod() {
        ServiceRequest surgery = EPISODE.surgeryRequest();
        surgery.setOccurrence(new Period().setStartElement(new DateTimeType("2027-01-12")));
        assertProblem(bundleOf(surgery), "required", "ServiceRequest.occurrence");
    }

    @Test
    void refusesAnUnknownProcedureCode() {
        ServiceRequest surgery = EPISODE.surgeryRequest();
        surgery.setCode(new CodeableConcept().addCoding(new Coding("http://snomed.info/sct", "80146002", null)));
        assertProblem(bundleOf(surgery), "code-invalid", "ServiceRequest.code");
    }

    @Test
    void refusesAnUnknownEpisodeDetail() {
        ServiceRequest surgery = EPISODE.surgeryRequest();
        surgery.addOrderDetail(
                new CodeableConcept().addCoding(new Coding(Canonicals.CS_EPISODE_DETAIL, "robot", null)));
        assertProblem(bundleOf(surgery), "code-invalid", "ServiceRequest.orderDetail[7]");
    }

    @Test
    void refusesAnUnknownRegion() {
        ServiceRequest surgery = EPISODE.surgeryRequest();
        surgery.getBodySiteFirstRep().getCodingFirstRep().setCode("sacral-hiatus");
        assertProblem(bundleOf(surgery), "code-invalid", "ServiceRequest.bodySite[0]");
    }

    @Test
    void refusesContradictoryDetails() {
        assertProblem(
                EPISODE.withDetails("setting-inpatient", "setting-outpatient").data(),
                "invalid",
                "ServiceRequest.orderDetail");
    }

    @Test
    void detailsThatExcludeEachOtherAreTheOnesTheEpisodeDetailCodeSystemSays() {
        CodeSystem details = episodeDetails();
        List<List<String>> fromData = new ArrayList<>();
        for (CodeSystem.ConceptDefinitionComponent concept : details.getConcept()) {
            concept.getProperty().stream()
                    .filter(p -> p.getCode().equals("excludes"))
                    .map(p -> p.getValue().primitiveValue())
                    .filter(other -> concept.getCode().compareTo(other) < 0)
                    .forEach(other -> fromData.add(List.of(concept.getCode(), other)));
        }

        PlanDefinition pathway = Engines.pathwayPackage()
                .byId(PlanDefinition.class, Engines.PATHWAY)
                .orElseThrow();
        CompiledPathway compiled =
                new PathwayCompiler(Engines.pathwayPackage(), new FhirPathConditions(Engines.FHIR)).compile(pathway);

        assertThat(compiled.exclusiveDetails())
                .containsExactlyInAnyOrderElementsOf(fromData)
                .contains(
                        List.of("setting-inpatient", "setting-outpatient"),
                        List.of("technique-minimally-invasive", "technique-open"));
    }

    @Test
    void aPairAddedToTheCodeSystemIsRefusedWithoutAnyChangeToTheEngine() {
        EpisodeSpec both = EPISODE.withDetails("approach-posterior", "approach-anterior", "setting-inpatient");
        assertThat(Engines.engine().apply(Engines.request(both, NOW)).carePlan())
                .isNotNull();

        CodeSystem changed = episodeDetails().copy();
        changed.getConcept().stream()
                .filter(c -> c.getCode().equals("approach-anterior"))
                .findFirst()
                .orElseThrow()
                .addProperty()
                .setCode("excludes")
                .setValue(new CodeType("approach-posterior"));
        PathwayEngine engine =
                new PathwayEngine(Engines.FHIR, Engines.pathwayPackage().replacing(changed));

        assertThatThrownBy(() -> engine.apply(Engines.request(both, NOW)))
                .isInstanceOfSatisfying(InvalidEpisodeException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.message())
                                .isEqualTo("orderDetail says both approach-anterior and approach-posterior")));
    }

    private static CodeSystem episodeDetails() {
        return Engines.pathwayPackage()
                .byCanonical(Canonicals.CS_EPISODE_DETAIL, CodeSystem.class)
                .orElseThrow();
    }

    @Test
    void refusesASubjectThatDisagreesWithTheSurgeryRequest() {
        ApplyRequest request = new ApplyRequest(
                Engines.PATHWAY,
                new Reference("Patient/someone-else"),
                null,
                null,
                null,
                EPISODE.data(),
                NOW,
                Engines.CLINIC);
        assertThatThrownBy(() -> Engines.engine().apply(request))
                .isInstanceOfSatisfying(InvalidEpisodeException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.code()).isEqualTo("conflict")));
    }

    @Test
    void refusesAnUnknownPlanDefinition() {
        ApplyRequest request = new ApplyRequest(
                "knee-replacement", EPISODE.patient(), null, null, null, EPISODE.data(), NOW, Engines.CLINIC);
        assertThatThrownBy(() -> Engines.engine().apply(request))
                .isInstanceOfSatisfying(InvalidEpisodeException.class, e -> assertThat(e.problems())
                        .extracting(EpisodeProblem::code)
                        .containsExactly("not-found"));
    }

    @Test
    void refusesDataWithoutASurgeryRequest() {
        assertProblem(new Bundle().setType(Bundle.BundleType.COLLECTION), "required", "Parameters.data");
    }

    @Test
    void refusesASurgeryRequestWithoutAnIdentifier() {
        ServiceRequest surgery = EPISODE.surgeryRequest();
        surgery.getIdentifier().clear();
        assertProblem(bundleOf(surgery), "required", "ServiceRequest.identifier");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        ServiceRequest surgery = EPISODE.surgeryRequest();
        surgery.setOccurrence(null);
        surgery.getIdentifier().clear();
        assertThatThrownBy(() ->
                        Engines.engine().apply(Engines.request(EPISODE, NOW).withData(bundleOf(surgery))))
                .isInstanceOfSatisfying(InvalidEpisodeException.class, e -> assertThat(e.problems())
                        .hasSize(2));
    }

    private static Bundle bundleOf(ServiceRequest surgery) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.addEntry().setResource(surgery);
        return bundle;
    }

    private static void assertProblem(Bundle data, String code, String expression) {
        ApplyRequest request = Engines.request(EPISODE, NOW).withData(data);
        assertThatThrownBy(() -> Engines.engine().apply(request))
                .isInstanceOfSatisfying(InvalidEpisodeException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> {
                            assertThat(p.code()).isEqualTo(code);
                            assertThat(p.expression()).isEqualTo(expression);
                            assertThat(p.message()).isNotBlank();
                        }));
    }
}
