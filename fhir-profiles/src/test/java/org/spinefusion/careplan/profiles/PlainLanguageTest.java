package org.spinefusion.careplan.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainLanguageTest {

    private static final String HARD =
            "Postoperative immobilisation considerably exacerbates thromboembolic complications.";

    private final FhirPackage pkg = FhirPackage.load();

    @Test
    void everyPatientFacingTextIsAtGradeEightOrBelow() {
        Map<String, String> texts = PlainLanguage.patientTexts(pkg);
        texts.entrySet().stream()
                .max(Comparator.comparingDouble(e -> PlainLanguage.grade(e.getValue())))
                .ifPresent(e -> System.out.printf(
                        Locale.ROOT,
                        "plain language: %d patient-facing texts, highest grade %.2f (%s)%n",
                        texts.size(),
                        PlainLanguage.grade(e.getValue()),
                        e.getKey()));

        assertThat(PlainLanguage.problems(pkg, PlainLanguage.MAX_GRADE))
                .as("patient-facing texts above Flesch-Kincaid grade " + PlainLanguage.MAX_GRADE)
                .isEmpty();
    }

    @Test
    void measuresEveryKindOfPatientFacingText() {
        Map<String, String> texts = PlainLanguage.patientTexts(pkg);
        long messages = pkg.files.values().stream()
                .filter(r -> r.path("kind").asText().equals("CommunicationRequest"))
                .count();

        assertThat(texts.keySet().stream().filter(k -> k.startsWith("ActivityDefinition/")))
                .hasSize((int) messages);
        assertThat(texts)
                .containsKeys(
                        "ActivityDefinition/education-welcome description",
                        "pathway action education-welcome title",
                        "pathway action daily-symptom-check description",
                        "Questionnaire/postop-symptom-check#emergency-notice text",
                        "Questionnaire/preop-readiness#nicotine-recent text",
                        "Questionnaire/milestone-checkin#driving text",
                        "PlanDefinition/spinal-fusion-escalation rule chest-symptoms textEquivalent",
                        "PlanDefinition/spinal-fusion-timed-escalation rule low-activity textEquivalent",
                        "CodeSystem/escalation-wording#check-in-before-surgery",
                        "CodeSystem/escalation-wording#acknowledge-within",
                        "CodeSystem/escalation-wording#provenance-climbed");
        // care-team actions are written for clinicians and are not held to the limit
        assertThat(texts)
                .doesNotContainKeys("pathway action preop-checkup-labs description", "pathway action surgery title");
        assertThat(texts.values()).allSatisfy(text -> assertThat(text).isNotBlank());
    }

    @Test
    void countsEveryTextOfTheEscalationWordingAndEveryRuleSummary() {
        Map<String, String> graded = PlainLanguage.patientTexts(pkg);
        Map<String, String> labels = PlainLanguage.escalationLabels(pkg);
        for (JsonNode concept : pkg.resource("CodeSystem", "escalation-wording").path("concept")) {
            String where =
                    "CodeSystem/escalation-wording#" + concept.path("code").asText();
            assertThat(graded.containsKey(where) ^ labels.containsKey(where))
                    .as(where + " is graded or listed as a label, once")
                    .isTrue();
        }
        assertThat(graded)
                .containsKeys(
                        "CodeSystem/escalation-wording#patient-heading",
                        "CodeSystem/escalation-wording#check-in-ended",
                        "CodeSystem/escalation-wording#not-acknowledged");
        assertThat(labels)
                .containsKeys(
                        "CodeSystem/escalation-wording#alert-headline", "CodeSystem/escalation-wording#priority-label");
        assertThat(labels.values()).allSatisfy(label -> assertThat(PlainLanguage.words(label))
                .isLessThan(PlainLanguage.MIN_WORDS_FOR_ANSWER_LABELS));

        Map<String, String> summaries = PlainLanguage.ruleSummaries(pkg);
        int rules = pkg.resource("PlanDefinition", "spinal-fusion-escalation")
                        .path("action")
                        .size()
                + pkg.resource("PlanDefinition", "spinal-fusion-timed-escalation")
                        .path("action")
                        .size();
        assertThat(summaries).hasSize(2 * rules);
        assertThat(summaries.values()).allSatisfy(text -> assertThat(text).isNotBlank());
        summaries.entrySet().stream()
                .max(Comparator.comparingDouble(e -> PlainLanguage.grade(e.getValue())))
                .ifPresent(e -> System.out.printf(
                        Locale.ROOT,
                        "plain language: %d rule titles and clinical summaries (not held to grade %.0f),"
                                + " highest grade %.2f (%s)%n",
                        summaries.size(),
                        PlainLanguage.MAX_GRADE,
                        PlainLanguage.grade(e.getValue()),
                        e.getKey()));
    }

    @Test
    void failsWhenAnEscalationTextIsHardToRead() {
        FhirPackage changed = pkg.withChangedFile("CodeSystem-escalation-wording.json", cs -> {
            for (JsonNode concept : cs.path("concept")) {
                if (concept.path("code").asText().equals("check-in-ended")) {
                    ((ObjectNode) concept).put("display", HARD + " {closes}");
                }
            }
        });

        assertThat(PlainLanguage.problems(changed, PlainLanguage.MAX_GRADE))
                .anySatisfy(p -> assertThat(p).startsWith("CodeSystem/escalation-wording#check-in-ended: grade"));
    }

    @Test
    void failsWhenAMessageIsHardToRead() {
        FhirPackage changed =
                pkg.withChangedFile("ActivityDefinition-education-welcome.json", ad -> ad.put("description", HARD));

        assertThat(PlainLanguage.problems(changed, PlainLanguage.MAX_GRADE))
                .contains("ActivityDefinition/education-welcome description: grade 41.8 (limit 8): " + HARD);
    }

    @Test
    void failsWhenARuleInstructionIsHardToRead() {
        FhirPackage changed = pkg.withChangedFile(
                "PlanDefinition-spinal-fusion-timed-escalation.json",
                pd -> ((ObjectNode) pd.path("action").path(0)).put("textEquivalent", HARD));

        assertThat(PlainLanguage.problems(changed, PlainLanguage.MAX_GRADE)).anySatisfy(p -> assertThat(p)
                .startsWith("PlanDefinition/spinal-fusion-timed-escalation rule missed-check-ins-reminder"
                        + " textEquivalent: grade 41.8"));
    }

    @Test
    void gradeOfKnownSentences() {
        // 1 sentence, 6 words, 6 syllables: 0.39 * 6 + 11.8 * 1 - 15.59
        assertThat(PlainLanguage.grade("The cat sat on the mat.")).isCloseTo(-1.45, within(0.005));
        // 2 sentences, 7 words, 7 syllables: 0.39 * 3.5 + 11.8 * 1 - 15.59
        assertThat(PlainLanguage.grade("Call us now. We will help you.")).isCloseTo(-2.425, within(0.005));
        // 1 sentence, 6 words, 5 + 6 + 5 + 4 + 4 + 4 = 28 syllables ("thromboembolic": o, oe, o, i)
        assertThat(PlainLanguage.counts(HARD)).isEqualTo(new PlainLanguage.Counts(1, 6, 28));
        assertThat(PlainLanguage.grade(HARD)).isCloseTo(41.82, within(0.005));
        assertThat(PlainLanguage.grade(HARD)).isGreaterThan(PlainLanguage.MAX_GRADE);
        assertThat(PlainLanguage.grade("")).isZero();
    }

    @Test
    void sentencesAndWordsIgnoreAbbreviationsDecimalsAndSymbols() {
        assertThat(PlainLanguage.counts("Take it at 38.0 °C, e.g. with a thermometer. Then rest!"))
                .isEqualTo(new PlainLanguage.Counts(2, 11, 19));
        assertThat(PlainLanguage.counts("Daily check-in").sentences()).isEqualTo(1);
        assertThat(PlainLanguage.counts("First line\nSecond line").sentences()).isEqualTo(2);
        assertThat(PlainLanguage.counts("Don't lift (more than 4.5 kg).").words())
                .isEqualTo(6);
    }

    @Test
    void syllableHeuristic() {
        Map.ofEntries(
                        Map.entry("the", 1),
                        Map.entry("table", 2),
                        Map.entry("people", 2),
                        Map.entry("while", 1),
                        Map.entry("medicines", 3),
                        Map.entry("nurses", 2),
                        Map.entry("changes", 2),
                        Map.entry("times", 1),
                        Map.entry("closed", 1),
                        Map.entry("needed", 2),
                        Map.entry("surgery", 3),
                        Map.entry("surgeries", 3),
                        Map.entry("check-in", 2),
                        Map.entry("rhythm", 1),
                        Map.entry("6", 1),
                        Map.entry("10", 1),
                        Map.entry("11", 3),
                        Map.entry("45", 3),
                        Map.entry("911", 3),
                        Map.entry("1,000", 3),
                        Map.entry("38.0", 6),
                        Map.entry("manual", 3),
                        Map.entry("surgeon", 2),
                        Map.entry("employer", 3),
                        Map.entry("period", 3),
                        Map.entry("station", 2),
                        Map.entry("question", 2),
                        Map.entry("quality", 3),
                        Map.entry("safely", 2),
                        Map.entry("movement", 2),
                        Map.entry("L4", 2),
                        Map.entry("C", 1))
                .forEach((word, expected) ->
                        assertThat(PlainLanguage.syllables(word)).as(word).isEqualTo(expected));
    }
}
