package org.spinefusion.careplan.service.escalation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.spinefusion.careplan.pathway.Canonicals;

/**
 * How long an escalation may wait for acknowledgement, per priority, and whom it climbs to after the lead rule's own
 * recipients, and the fixed texts of the alert and the patient's instruction. Clinical policy and wording, so they are
 * data: the {@code escalation-policy} extension of PlanDefinition
 * spinal-fusion-escalation (the timed rules follow the same policy), read once at start-up; a policy without a
 * window for every priority or without a role to climb to stops the service there.
 */
record EscalationPolicy(Map<Priority, Duration> ackWindows, List<String> climbTo, Map<String, String> texts) {

    static final String EXTENSION = Canonicals.BASE + "/StructureDefinition/escalation-policy";
    private static final String CLIMB_TO = "climb-to";
    static final String PATIENT_HEADING = "patient-heading";
    static final String NOT_ACKNOWLEDGED = "not-acknowledged";
    static final String ACKNOWLEDGE_WITHIN = "acknowledge-within";
    private static final List<String> TEXTS = List.of(PATIENT_HEADING, NOT_ACKNOWLEDGED, ACKNOWLEDGE_WITHIN);

    /** The text with its {@code {name}} placeholders filled in. */
    String text(String key, Map<String, String> values) {
        String text = texts.get(key);
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{" + value.getKey() + "}", value.getValue());
        }
        return text;
    }

    Duration ackWindow(Priority priority) {
        return ackWindows.get(priority);
    }

    static EscalationPolicy of(PlanDefinition definition) {
        Extension policy = definition.getExtensionByUrl(EXTENSION);
        if (policy == null) {
            throw new IllegalStateException(definition.getUrl() + " has no " + EXTENSION);
        }
        Map<Priority, Duration> windows = new EnumMap<>(Priority.class);
        List<String> climbTo = new ArrayList<>();
        Map<String, String> texts = new java.util.HashMap<>();
        for (Extension part : policy.getExtension()) {
            if (CLIMB_TO.equals(part.getUrl()) && part.getValue() instanceof Coding role) {
                climbTo.add(role.getCode());
            } else if (part.getValue() instanceof org.hl7.fhir.r4.model.StringType text) {
                texts.put(part.getUrl(), text.getValue());
            } else if (part.getValue() instanceof org.hl7.fhir.r4.model.Duration window) {
                windows.put(Priority.of(part.getUrl()), duration(window));
            }
        }
        if (windows.size() != Priority.values().length
                || climbTo.isEmpty()
                || !texts.keySet().containsAll(TEXTS)) {
            throw new IllegalStateException(
                    EXTENSION + " needs a window for every priority, a role to climb to and the texts " + TEXTS + ": "
                            + windows + climbTo + texts.keySet());
        }
        return new EscalationPolicy(Map.copyOf(windows), List.copyOf(climbTo), Map.copyOf(texts));
    }

    /** UCUM {@code min}, {@code h} or {@code d}. */
    private static Duration duration(org.hl7.fhir.r4.model.Duration window) {
        long value = window.getValue().longValueExact();
        return switch (window.getCode()) {
            case "min" -> Duration.ofMinutes(value);
            case "h" -> Duration.ofHours(value);
            case "d" -> Duration.ofDays(value);
            default -> throw new IllegalStateException("unsupported acknowledgement window unit " + window.getCode());
        };
    }
}
