package org.spinefusion.careplan.service.escalation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeSystem;
import org.spinefusion.careplan.pathway.Canonicals;

/**
 * The fixed texts a clinician or patient reads in what escalation produces (alert, Task, Provenance, the patient's
 * instruction heading, Observations, the refusal of a symptom check outside its window). They are clinical wording,
 * so they are data: the display of each code of CodeSystem escalation-wording, with {@code {name}} where the
 * service fills in a value. Read once at start-up; a missing text, or a placeholder the service does not fill,
 * stops the service there instead of sending a half-filled alert.
 */
final class EscalationWording {

    static final String CODE_SYSTEM = Canonicals.BASE + "/CodeSystem/escalation-wording";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    /** Each text the service uses, with the values it fills in. */
    enum Text {
        PATIENT_HEADING("patient-heading"),
        CHECK_IN_BEFORE_SURGERY("check-in-before-surgery", "surgery", "opens"),
        CHECK_IN_NOT_OPEN("check-in-not-open", "day", "opens"),
        CHECK_IN_ENDED("check-in-ended", "closes"),
        ALERT_HEADLINE("alert-headline", "priority", "finding"),
        ALERT_ALSO("alert-also", "findings"),
        ALERT_REPORTED("alert-reported", "facts"),
        NOT_ACKNOWLEDGED("not-acknowledged", "role", "window"),
        ACKNOWLEDGE_WITHIN("acknowledge-within", "window", "task"),
        ALERT_ALSO_LABEL("alert-also-label"),
        REPORTED_LABEL("alert-reported-label"),
        FOR_LABEL("alert-for-label"),
        PATIENT_TOLD_LABEL("alert-patient-told-label"),
        ACKNOWLEDGE_LABEL("alert-acknowledge-label"),
        ACKNOWLEDGE_FIELD("alert-acknowledge-field", "task", "window"),
        CLIMBED_HEADING("climbed-heading", "role"),
        TASK_TITLE("task-title"),
        TASK_HEADING("task-heading", "finding"),
        PRIORITY_LABEL("priority-label"),
        STATUS_LABEL("status-label"),
        STATUS_CLIMBED("status-climbed", "status"),
        ACKNOWLEDGED_BY_LABEL("acknowledged-by-label"),
        PROVENANCE_HEADING("provenance-heading"),
        PROVENANCE_RULES_LABEL("provenance-rules-label"),
        PROVENANCE_RAISED("provenance-raised", "rules", "trigger"),
        PROVENANCE_CLIMBED("provenance-climbed", "from", "priority", "to"),
        PROVENANCE_ACKNOWLEDGED("provenance-acknowledged"),
        PROVENANCE_ASSEMBLER("provenance-assembler"),
        MISSED_CHECK_INS_TITLE("missed-check-ins-title"),
        MISSED_CHECK_INS_COUNT_LABEL("missed-check-ins-count-label"),
        VALUE_LABEL("value-label"),
        GOAL_REPORTED("goal-reported", "response");

        final String code;
        final Set<String> values;

        Text(String code, String... values) {
            this.code = code;
            this.values = Set.of(values);
        }
    }

    private final Map<Text, String> texts;

    private EscalationWording(Map<Text, String> texts) {
        this.texts = texts;
    }

    static EscalationWording of(CodeSystem wording) {
        Map<Text, String> texts = new EnumMap<>(Text.class);
        for (Text text : Text.values()) {
            String display = wording.getConcept().stream()
                    .filter(concept -> concept.getCode().equals(text.code) && concept.hasDisplay())
                    .map(CodeSystem.ConceptDefinitionComponent::getDisplay)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(CODE_SYSTEM + " has no text " + text.code));
            Matcher placeholders = PLACEHOLDER.matcher(display);
            while (placeholders.find()) {
                if (!text.values.contains(placeholders.group(1))) {
                    throw new IllegalStateException(CODE_SYSTEM + " text " + text.code + " uses {"
                            + placeholders.group(1) + "}; the service fills in only " + text.values);
                }
            }
            texts.put(text, display);
        }
        return new EscalationWording(texts);
    }

    String text(Text text) {
        return text(text, Map.of());
    }

    /** The text with its placeholders filled in from {@code values} (name to value). */
    String text(Text text, Map<String, String> values) {
        String filled = texts.get(text);
        for (Map.Entry<String, String> value : values.entrySet()) {
            filled = filled.replace("{" + value.getKey() + "}", value.getValue());
        }
        return filled;
    }

    /** The same, for a text with one value. */
    String text(Text text, String name, String value) {
        return text(text, Map.of(name, value));
    }

    /** The codes the service reads, for tests that hold the artifact to them. */
    static List<String> codes() {
        return java.util.Arrays.stream(Text.values()).map(text -> text.code).toList();
    }
}
