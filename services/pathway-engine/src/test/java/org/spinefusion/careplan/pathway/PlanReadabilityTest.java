package org.spinefusion.careplan.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinefusion.careplan.pathway.testing.Engines;
import org.spinefusion.careplan.pathway.testing.EpisodeMatrix;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;

/** The plan as a clinician scans it: clinical words, phases in date order, one title per row, the real operation. */
class PlanReadabilityTest {

    static final Pattern SECTION = Pattern.compile("<td colspan=\"3\"><b>([^<]+)</b></td>");
    static final Pattern ROW = Pattern.compile("<tr><td>([^<]+)</td><td>([^<]*)</td><td>[^<]*</td></tr>");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    record Row(String phase, LocalDate start, String activity) {}

    static Stream<EpisodeSpec> episodes() {
        return EpisodeMatrix.episodes(LocalDate.of(2026, 11, 24)).stream();
    }

    static CarePlan plan(EpisodeSpec episode) {
        return Engines.engine()
                .apply(Engines.request(episode, PlanScheduleTest.NOW))
                .carePlan();
    }

    static List<Row> rows(CarePlan plan) {
        String div = plan.getText().getDivAsString();
        List<Row> rows = new ArrayList<>();
        String phase = null;
        Matcher section = SECTION.matcher(div);
        Matcher row = ROW.matcher(div);
        int at = 0;
        while (row.find(at)) {
            if (section.find(at) && section.start() < row.start()) {
                phase = section.group(1);
                at = section.end();
                continue;
            }
            String when = row.group(1).split(" to ")[0];
            if (phase != null && when.matches("\\w{3} \\d{1,2} \\w{3} \\d{4}")) {
                rows.add(new Row(phase, LocalDate.parse(when, DAY), row.group(2)));
            }
            at = row.end();
        }
        return rows;
    }

    @Test
    void theDescriptionSaysWhatThePlanIsForInClinicalTerms() {
        CarePlan plan = plan(episodes().findFirst().orElseThrow());
        PlanDefinition pathway = Engines.pathwayPackage()
                .byId(PlanDefinition.class, Engines.PATHWAY)
                .orElseThrow();
        assertThat(plan.getDescription())
                .isEqualTo(pathway.getUsage())
                .contains("spinal fusion")
                .doesNotContain("FHIRPath")
                .doesNotContain("ActivityDefinition")
                .doesNotContain("%surgery");
        assertThat(plan.getText().getDivAsString()).contains(pathway.getUsage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("episodes")
    void theNarrativeListsPhasesInDateOrderAndNothingBeforeTheOperationUnderALaterPhase(EpisodeSpec episode) {
        List<Row> rows = rows(plan(episode));
        assertThat(rows).hasSizeGreaterThan(20);
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).phase().equals(rows.get(i - 1).phase())) {
                assertThat(rows.get(i).start())
                        .as("%s after %s", rows.get(i), rows.get(i - 1))
                        .isAfterOrEqualTo(rows.get(i - 1).start());
            }
        }
        assertThat(rows)
                .filteredOn(r -> r.start().isBefore(episode.surgeryDate()))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.phase()).as(r.activity()).isEqualTo("Preparation"));
    }

    @Test
    void episodeDetailsAndTailoringReasonsAreInWords() {
        EpisodeSpec smoker = LateEnrolmentTest.smoker(LocalDate.of(2027, 3, 2));
        String div = Engines.engine()
                .apply(Engines.request(smoker, PlanScheduleTest.NOW))
                .carePlan()
                .getText()
                .getDivAsString();
        assertThat(div).doesNotContain("approach-posterior").doesNotContain("technique-open");
        assertThat(div).contains("posterior approach, open surgery");
        assertThat(div).contains("Stop all nicotine (for: nicotine use)");
        assertThat(div).contains("(for: lumbar spine)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("episodes")
    void everyActivityReadsDifferently(EpisodeSpec episode) {
        List<String> titles = plan(episode).getActivity().stream()
                .map(a -> a.getDetail().getCode().getText())
                .toList();
        assertThat(titles).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void goingHomeIsDueWithTheDischargeOfTheSetting() {
        LocalDate surgery = LocalDate.of(2027, 3, 2);
        EpisodeSpec inpatient = LateEnrolmentTest.smoker(surgery);
        EpisodeSpec dayCase = inpatient.withDetails(
                "approach-posterior", "technique-open", "setting-outpatient", "closure-absorbable-sutures");
        assertThat(homeDue(dayCase)).isEqualTo(surgery.plusDays(1));
        assertThat(homeDue(inpatient)).isEqualTo(surgery.plusDays(3));
    }

    /** The driving message says when driving is possible; no other message may forbid it outright. */
    @Test
    void noMessageForbidsDrivingWithoutTheConditionTheDrivingMessageGives() {
        Pattern unconditional = Pattern.compile("(?i)do not drive(?! while| until| unless)");
        List<String> offenders = Engines.pathwayPackage().resources().stream()
                .filter(org.hl7.fhir.r4.model.ActivityDefinition.class::isInstance)
                .map(org.hl7.fhir.r4.model.ActivityDefinition.class::cast)
                .filter(a -> a.hasDescription()
                        && unconditional.matcher(a.getDescription()).find())
                .map(a -> a.getIdElement().getIdPart())
                .toList();
        assertThat(offenders).isEmpty();
    }

    @Test
    void anotherOrderedProcedureIsAnotherPlan() {
        EpisodeSpec episode = LateEnrolmentTest.smoker(LocalDate.of(2027, 3, 2));
        ServiceRequest otherProcedure = episode.surgeryRequest();
        otherProcedure.getCode().getCodingFirstRep().setCode("34238000");
        Bundle data = new Bundle().setType(Bundle.BundleType.COLLECTION);
        data.addEntry().setResource(otherProcedure);
        ApplyResult first = Engines.engine().apply(Engines.request(episode, PlanScheduleTest.NOW));
        ApplyResult changed = Engines.engine()
                .apply(Engines.request(episode, PlanScheduleTest.NOW).withData(data));
        assertThat(changed.episode().fingerprint()).isNotEqualTo(first.episode().fingerprint());
        assertThat(LateEnrolmentTest.activity(changed.carePlan(), "surgery")
                        .getDetail()
                        .getCode()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("34238000");
    }

    static LocalDate homeDue(EpisodeSpec episode) {
        return Engines.engine().apply(Engines.request(episode, PlanScheduleTest.NOW)).goals().stream()
                .filter(g -> g.getIdentifierFirstRep().getValue().endsWith("#home"))
                .map(g -> LocalDate.parse(g.getTargetFirstRep().getDueDateType().getValueAsString()))
                .findFirst()
                .orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("episodes")
    void theSurgeryActivityCarriesTheOrderedProcedure(EpisodeSpec episode) {
        CarePlan plan = plan(episode);
        assertThat(LateEnrolmentTest.activity(plan, "surgery")
                        .getDetail()
                        .getCode()
                        .getCodingFirstRep())
                .satisfies(coding -> {
                    assertThat(coding.getSystem()).isEqualTo("http://snomed.info/sct");
                    assertThat(coding.getCode()).isEqualTo(episode.procedureCode());
                });
    }
}
