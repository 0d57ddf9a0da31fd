package org.spinefusion.careplan.service.delivery.ledger;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Which held deliveries (dead letters and parked ones) an operator means: all of them, or those of one endpoint, for
 * one reason, with one HTTP status or status class from the EHR, and with one issue code in the EHR's
 * OperationOutcome. Absent parts match everything.
 */
public record DeadLetterFilter(
        String endpointId, HoldReason reason, Integer statusFrom, Integer statusTo, String outcomeCode) {

    private static final Pattern STATUS = Pattern.compile("([1-5])(\\d\\d|xx)");

    /** From the operation's text parameters; a value that names nothing is an {@link IllegalArgumentException}. */
    public static DeadLetterFilter parse(String endpointId, String reason, String status, String outcomeCode) {
        HoldReason held = null;
        if (reason != null) {
            held = HoldReason.fromCode(reason)
                    .orElseThrow(() -> new IllegalArgumentException("reason is one of "
                            + Arrays.stream(HoldReason.values())
                                    .map(HoldReason::code)
                                    .collect(Collectors.joining(", "))));
        }
        Integer from = null;
        Integer to = null;
        if (status != null) {
            Matcher matcher = STATUS.matcher(status);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("status is an HTTP status (422) or class (4xx)");
            }
            boolean classOnly = matcher.group(2).equals("xx");
            from = Integer.parseInt(matcher.group(1) + (classOnly ? "00" : matcher.group(2)));
            to = classOnly ? from + 99 : from;
        }
        if (outcomeCode != null && !isIssueType(outcomeCode)) {
            throw new IllegalArgumentException("outcome-code is an OperationOutcome issue type, e.g. business-rule");
        }
        return new DeadLetterFilter(endpointId, held, from, to, outcomeCode);
    }

    private static boolean isIssueType(String code) {
        return Arrays.stream(IssueType.values())
                .anyMatch(type -> type != IssueType.NULL && type.toCode().equals(code));
    }
}
