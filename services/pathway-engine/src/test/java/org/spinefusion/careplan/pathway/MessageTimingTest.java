package org.spinefusion.careplan.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinefusion.careplan.pathway.testing.Engines;
import org.spinefusion.careplan.pathway.testing.EpisodeMatrix;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;

/**
 * Messages timed to be read: never more on one day than the pathway's {@code messages-per-day} (read here from
 * the PlanDefinition), the more urgent ones keeping their day, and sent early enough to do what their text asks.
 */
class MessageTimingTest {

    static final Pattern LEAD_TIME =
            Pattern.compile("at least (one|two|three|four|five|six|\\d+) (day|days|week|weeks) before");
    static final Map<String, Integer> NUMBERS = Map.of("one", 1, "two", 2, "three", 3, "four", 4, "five", 5, "six", 6);
    /** Time to act on an advance instruction: a message that arrives on the last possible day comes too late. */
    static final int DAYS_TO_ACT = 7;

    static Stream<EpisodeSpec> episodes() {
        return EpisodeMatrix.episodes(LateEnrolmentTest.TODAY).stream();
    }

    static int messagesPerDay() {
        PlanDefinition pathway = Engines.pathwayPackage()
                .byId(PlanDefinition.class, Engines.PATHWAY)
                .orElseThrow();
        return ((PositiveIntType) pathway.getExtensionByUrl(Canonicals.BASE + "/StructureDefinition/messages-per-day")
                        .getValue())
                .getValue();
    }

    static List<Communication> planned(EpisodeSpec episode) {
        return Engines.engine().apply(Engines.request(episode, LateEnrolmentTest.NOW)).communications().stream()
                .filter(m -> m.getStatus() == CommunicationStatus.PREPARATION)
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("episodes")
    void noDayHasMoreMessagesThanThePathwayAllows(EpisodeSpec episode) {
        Map<LocalDate, Long> perDay = planned(episode).stream()
                .collect(
                        Collectors.groupingBy(m -> LateEnrolmentTest.sendTime(m).toLocalDate(), Collectors.counting()));
        assertThat(perDay).isNotEmpty();
        assertThat(perDay.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(messagesPerDay()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("episodes")
    void noMessageForBeforeTheOperationMovesOntoTheSurgeryDay(EpisodeSpec episode) {
        ApplyResult result = Engines.engine().apply(Engines.request(episode, LateEnrolmentTest.NOW));
        result.communications().stream()
                .filter(m -> m.getStatus() == CommunicationStatus.PREPARATION)
                .filter(m ->
                        LateEnrolmentTest.activityStart(result.carePlan(), m).isBefore(episode.surgeryDate()))
                .forEach(m -> assertThat(LateEnrolmentTest.sendTime(m).toLocalDate())
                        .as(m.getIdentifierFirstRep().getValue())
                        .isBefore(episode.surgeryDate()));
    }

    @Test
    void theFirstDayAfterSurgerySpreadsItsMessagesAndTheWarningSignsKeepTheirDay() {
        LocalDate surgery = LocalDate.of(2027, 3, 2);
        ApplyResult result = LateEnrolmentTest.apply(surgery);
        long dayOne = planned(LateEnrolmentTest.smoker(surgery)).stream()
                .filter(m -> LateEnrolmentTest.sendTime(m).toLocalDate().equals(surgery.plusDays(1)))
                .count();
        assertThat(dayOne).isEqualTo(messagesPerDay());
        assertThat(LateEnrolmentTest.sendTime(LateEnrolmentTest.message(result, "education-warning-signs"))
                        .toLocalDate())
                .isEqualTo(surgery.plusDays(1));
    }

    @Test
    void messagesThatAskForActionSomeTimeBeforeTheOperationComeWithTimeToAct() {
        LocalDate surgery = LocalDate.of(2027, 3, 2);
        ApplyResult result = LateEnrolmentTest.apply(surgery);
        int checked = 0;
        for (Communication message : result.communications()) {
            Matcher lead = LEAD_TIME.matcher(
                    message.getPayloadFirstRep().getContentStringType().getValue());
            if (!lead.find()) {
                continue;
            }
            int amount =
                    NUMBERS.containsKey(lead.group(1)) ? NUMBERS.get(lead.group(1)) : Integer.parseInt(lead.group(1));
            LocalDate latest = surgery.minusDays((lead.group(2).startsWith("week") ? 7L : 1L) * amount + DAYS_TO_ACT);
            assertThat(LateEnrolmentTest.sendTime(message).toLocalDate())
                    .as("%s says \"%s\"", message.getIdentifierFirstRep().getValue(), lead.group())
                    .isBeforeOrEqualTo(latest);
            checked++;
        }
        assertThat(checked).as("messages with a lead time").isPositive();
    }
}
