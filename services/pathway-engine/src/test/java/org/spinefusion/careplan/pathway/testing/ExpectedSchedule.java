package org.spinefusion.careplan.pathway.testing;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionRelatedActionComponent;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The test's own reading of an action's timing, written independently of the engine: the day an activity must
 * start and end given the surgery date.
 */
public final class ExpectedSchedule {

    private ExpectedSchedule() {}

    public static LocalDate start(PlanDefinitionActionComponent action, LocalDate surgery) {
        if (!action.hasRelatedAction()) {
            return surgery;
        }
        PlanDefinitionActionRelatedActionComponent related = action.getRelatedActionFirstRep();
        boolean before = related.getRelationship().toCode().startsWith("before");
        if (related.hasOffsetRange()) {
            Quantity far = before
                    ? related.getOffsetRange().getHigh()
                    : related.getOffsetRange().getLow();
            return shift(surgery, far, before);
        }
        return related.hasOffsetDuration() ? shift(surgery, related.getOffsetDuration(), before) : surgery;
    }

    public static LocalDate end(PlanDefinitionActionComponent action, LocalDate surgery) {
        if (!action.hasRelatedAction() || !action.getRelatedActionFirstRep().hasOffsetRange()) {
            return start(action, surgery);
        }
        PlanDefinitionActionRelatedActionComponent related = action.getRelatedActionFirstRep();
        boolean before = related.getRelationship().toCode().startsWith("before");
        Quantity near = before
                ? related.getOffsetRange().getLow()
                : related.getOffsetRange().getHigh();
        return shift(surgery, near, before);
    }

    public static LocalDate due(Duration due, LocalDate surgery) {
        return shift(surgery, due, false);
    }

    private static LocalDate shift(LocalDate date, Quantity amount, boolean back) {
        long n = amount.getValue().longValueExact() * (back ? -1 : 1);
        String unit = amount.hasCode() ? amount.getCode() : amount.getUnit();
        return switch (unit) {
            case "d" -> date.plusDays(n);
            case "wk" -> date.plusDays(7 * n);
            case "mo" -> date.plusMonths(n);
            case "a" -> date.plusYears(n);
            default -> throw new AssertionError("offset unit the test does not know: " + unit);
        };
    }
}
