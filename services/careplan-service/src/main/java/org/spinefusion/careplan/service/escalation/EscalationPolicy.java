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
 * recipients. Clinical policy, so it is data: the {@code escalation-policy} extension of PlanDefinition
 * spinal-fusion-escalation (the timed rules follow the same policy), read once at start-up; a policy without a
 * window for every priority or without a role to climb to stops the service there. The wording is
 * {@link EscalationWording}'s.
 */
record EscalationPolicy(Map<Priority, Duration> ackWindows, List<String> climbTo) {

    static final String EXTENSION = Canonicals.BASE + "/StructureDefinition/escalation-policy";
    private static final String CLIMB_TO = "climb-to";

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
        for (Extension part : policy.getExtension()) {
            if (CLIMB_TO.equals(part.getUrl()) && part.getValue() instanceof Coding role) {
                climbTo.add(role.getCode());
            } else if (part.getValue() instanceof org.hl7.fhir.r4.model.Duration window) {
                windows.put(Priority.of(part.getUrl()), duration(window));
            }
        }
        if (windows.size() != Priority.values().length || climbTo.isEmpty()) {
            throw new IllegalStateException(
                    EXTENSION + " needs a window for every priority and a role to climb to: " + windows + climbTo);
        }
        return new EscalationPolicy(Map.copyOf(windows), List.copyOf(climbTo));
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
