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

    static final Pattern PHASE =
            Pattern.compile("<tr><td>([^<]+)</td><td>([^<]+)</td><td>(\\d+)</td><td>([^<]*)</td></tr>");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    /** One row of the narrative's phase table. */
    record PhaseRow(String phase, LocalDate from, LocalDate to, int activities, String who) {}

    static Stream<EpisodeSpec> episodes() {
        return EpisodeMatrix.episodes(LocalDate.of(2026, 11, 24)).stream();
    }

    static CarePlan plan(EpisodeSpec episode) {
        return Engines.engine()
                .apply(Engines.request(episode, PlanScheduleTest.NOW))
                .carePlan();
    }

    static List<PhaseRow> phases(CarePlan plan) {
        List<PhaseRow> rows = new ArrayList<>();
        Matcher row = PHASE.matcher(plan.getText().getDivAsString());
        while (row.find()) {
            String[] window = row.group(2).split(" to ");
            LocalDate from = LocalDate.parse(window[0], DAY);
            LocalDate to = window.length > 1 ? LocalDate.parse(window[1], DAY) : from;
            rows.add(new PhaseRow(row.group(1), from, to, Integer.parseInt(row.group(3)), row.group(4)));
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
    void theNarrativeSummarisesEachPhaseInDateOrderWithNothingBeforeTheOperationAfterPreparation(EpisodeSpec episode) {
        CarePlan plan = plan(episode);
        List<PhaseRow> phases = phases(plan);

        assertThat(phases).hasSizeGreaterThan(3);
        assertThat(phases).extracting(PhaseRow::phase).doesNotHaveDuplicates();
        assertThat(phases.stream().mapToInt(PhaseRow::activities).sum())
                .as("every activity counted once")
                .isEqualTo(plan.getActivity().size());
        assertThat(phases).allSatisfy(p -> assertThat(p.to()).isAfterOrEqualTo(p.from()));
        for (int i = 1; i < phases.size(); i++) {
            assertThat(phases.get(i).from())
                    .as("%s after %s", phases.get(i), phases.get(i - 1))
                    .isAfterOrEqualTo(phases.get(i - 1).from());
        }
        assertThat(phases.get(0).phase()).isEqualTo("Preparation");
        assertThat(phases.get(0).from()).isBefore(episode.surgeryDate());
        assertThat(phases.subList(1, phases.size()))
                .allSatisfy(p -> assertThat(p.from()).as(p.phase()).isAfterOrEqualTo(episode.surgeryDate()));
        assertThat(phases).allSatisfy(p -> assertThat(p.who()).isNotBlank());
    }

    /** The activities are the plan's data; the narrative names only those the episode's details added. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("episodes")
    void theNarrativeDoesNotRepeatEveryActivity(EpisodeSpec episode) {
        CarePlan plan = plan(episode);
        String div = plan.getText().getDivAsString();
        List<String> titles = plan.getActivity().stream()
                .map(a -> a.getDetail().getCode().getText())
                .toList();

        long named = titles.stream().filter(div::contains).count();
        assertThat(named).as("activities named in the narrative").isLessThan(titles.size() / 3);
        assertThat(div).contains(titles.size() + " activities in all");
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
