package org.spinefusion.careplan.service.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.testing.Engines;

/**
 * The temperatures the patient is told about and the temperatures the rules act on are the same numbers: every
 * "N °C" in a patient text of the package raises an escalation at N, and the lowest of them is where the rules
 * start (one tenth below it raises nothing about temperature). Read from the artifacts, so a threshold changed on
 * one side only fails here.
 */
class TemperatureThresholdsTest {

    private static final Pattern CELSIUS = Pattern.compile("(\\d{2}(?:\\.\\d)?) ?°C");

    @Test
    void everyTemperatureInAPatientTextRaisesAnEscalationAndTheLowestIsWhereTheRulesStart() {
        TreeSet<BigDecimal> told = new TreeSet<>();
        for (String text : patientTexts()) {
            Matcher matcher = CELSIUS.matcher(text);
            while (matcher.find()) {
                told.add(new BigDecimal(matcher.group(1)));
            }
        }
        assertThat(told).as("temperatures in patient texts").isNotEmpty();
        for (BigDecimal temperature : told) {
            assertThat(temperatureRules(temperature))
                    .as("rules at %s °C, which a patient text names", temperature)
                    .isNotEmpty();
        }
        BigDecimal below = told.first().subtract(new BigDecimal("0.1"));
        assertThat(temperatureRules(below))
                .as("rules at %s °C, below the lowest temperature the patient is told about", below)
                .isEmpty();
    }

    private static List<String> temperatureRules(BigDecimal temperature) {
        return RuleBookFixture.firing(Map.of("temperature-taken", true, "temperature", new DecimalType(temperature)))
                .stream()
                .map(EscalationRule::id)
                .toList();
    }

    /** Education messages, symptom check questions, and the instructions of the escalation rules. */
    private static List<String> patientTexts() {
        List<String> texts = new ArrayList<>();
        Engines.pathwayPackage().resources().forEach(resource -> {
            if (resource instanceof ActivityDefinition definition && definition.hasDescription()) {
                texts.add(definition.getDescription());
            } else if (resource instanceof Questionnaire questionnaire) {
                addItems(questionnaire.getItem(), texts);
            } else if (resource instanceof PlanDefinition plan && plan.getUrl().contains("escalation")) {
                plan.getAction().forEach(action -> texts.add(action.getTextEquivalent()));
            }
        });
        return texts;
    }

    private static void addItems(List<Questionnaire.QuestionnaireItemComponent> items, List<String> texts) {
        for (Questionnaire.QuestionnaireItemComponent item : items) {
            if (item.hasText()) {
                texts.add(item.getText());
            }
            addItems(item.getItem(), texts);
        }
    }
}
