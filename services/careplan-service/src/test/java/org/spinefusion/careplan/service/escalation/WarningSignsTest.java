package org.spinefusion.careplan.service.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every warning sign of the patient guide's "When to call" section, as a patient would report it in the symptom
 * check: which urgency it raises, who hears of it and what the patient is told first. The guide asks for care "as
 * soon as possible" for infection signs (at least a same-day call: urgent) and "immediate care" for the nerve and
 * spinal cord signs (the patient acts now: asap or stat).
 */
class WarningSignsTest {

    static final Path GUIDE = Path.of("../../../shared/seed/spinal-fusion-patient-guide.txt");

    /** One sign: how the guide's bullet starts (a few words, not the guide's text), the answers that report it, the lead rule's urgency, recipients and advice. */
    record Sign(
            String guideBullet,
            Map<String, Object> answers,
            Priority urgency,
            List<String> recipients,
            String patientIsTold) {
        @Override
        public String toString() {
            return guideBullet + " " + answers.keySet();
        }
    }

    static final List<String> URGENT_NURSE = List.of("patient", "triage-nurse");
    static final List<String> EMERGENCY = List.of("patient", "emergency-services", "surgeon-on-call");

    static final List<Sign> SIGNS = List.of(
            new Sign(
                    "Fever",
                    Map.of("temperature-taken", true, "temperature", 38.0),
                    Priority.URGENT,
                    URGENT_NURSE,
                    "Your temperature is raised"),
            new Sign(
                    "Fever",
                    Map.of("temperature-taken", true, "temperature", 38.2),
                    Priority.URGENT,
                    URGENT_NURSE,
                    "Your temperature is raised"),
            new Sign(
                    "Swelling around the incision",
                    Map.of("wound-swelling", true),
                    Priority.URGENT,
                    URGENT_NURSE,
                    "A nurse will call you today"),
            new Sign(
                    "Heat or warmth",
                    Map.of("wound-warmth", true),
                    Priority.URGENT,
                    URGENT_NURSE,
                    "A nurse will call you today"),
            new Sign(
                    "Oozing or bleeding",
                    Map.of("wound-drainage", true),
                    Priority.URGENT,
                    URGENT_NURSE,
                    "A nurse will call you today"),
            new Sign(
                    "Oozing or bleeding",
                    Map.of("wound-bleeding", true, "wound-bleeding-soaking", false),
                    Priority.URGENT,
                    URGENT_NURSE,
                    "If it bleeds, press on it"),
            new Sign(
                    "Feeling dizzy or weak",
                    Map.of("dizziness-weakness", true),
                    Priority.URGENT,
                    URGENT_NURSE,
                    "Get up slowly"),
            new Sign(
                    "Tingling or numbness",
                    Map.of("numbness-tingling", true, "numbness-tingling-worse", true),
                    Priority.STAT,
                    EMERGENCY,
                    "Call your local emergency number now"),
            new Sign(
                    "Severe pain",
                    Map.of("pain-score", 8),
                    Priority.ASAP,
                    List.of("patient", "surgeon-on-call"),
                    "Please call your surgical team now"),
            new Sign(
                    "Loss of muscle strength",
                    Map.of("leg-weakness", true, "leg-weakness-worse", true),
                    Priority.STAT,
                    EMERGENCY,
                    "Call your local emergency number now"));

    static Stream<Sign> signs() {
        return SIGNS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signs")
    void raisesEachWarningSignOfTheGuideAtTheUrgencyTheGuideGivesIt(Sign sign) {
        List<EscalationRule> firing = RuleBookFixture.firing(sign.answers());
        assertThat(firing).as("rules that fire").isNotEmpty();
        EscalationRule lead = firing.get(0);
        assertThat(lead.priority()).as(lead.id()).isEqualTo(sign.urgency());
        assertThat(lead.roles()).as(lead.id()).containsExactlyElementsOf(sign.recipients());
        EscalationRule told =
                firing.stream().filter(EscalationRule::tellsPatient).findFirst().orElseThrow();
        assertThat(told.patientText()).as(told.id()).contains(sign.patientIsTold());
    }

    @Test
    void infectionSignsAreAtLeastASameDayCallAndNerveSignsAreActedOnNow() {
        for (Sign sign : SIGNS) {
            boolean nerve = SIGNS.indexOf(sign) >= SIGNS.indexOf(SIGNS.get(7));
            assertThat(sign.urgency().rank())
                    .as(sign.toString())
                    .isGreaterThanOrEqualTo(nerve ? Priority.ASAP.rank() : Priority.URGENT.rank());
        }
    }

    /** The table keeps up with the guide: every bullet of its "When to call" section has a row. */
    @Test
    void coversEveryBulletOfTheGuidesWhenToCallSection() throws IOException {
        assumeTrue(Files.exists(GUIDE), "the patient guide is beside the project (../shared)");
        String guide = Files.readString(GUIDE);
        String section =
                guide.substring(guide.indexOf("When To Call the Doctor"), guide.indexOf("Additional Common Questions"));
        List<String> bullets = section.lines()
                .map(String::strip)
                .filter(line -> line.startsWith("•"))
                .map(line -> line.substring(1).strip())
                .toList();
        assertThat(bullets).hasSizeGreaterThanOrEqualTo(8);
        for (String bullet : bullets) {
            assertThat(SIGNS).as(bullet).anyMatch(sign -> bullet.startsWith(sign.guideBullet()));
        }
    }
}
