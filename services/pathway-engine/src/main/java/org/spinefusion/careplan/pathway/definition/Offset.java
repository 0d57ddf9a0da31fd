package org.spinefusion.careplan.pathway.definition;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.PlanDefinition.ActionRelationshipType;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionRelatedActionComponent;
import org.hl7.fhir.r4.model.Range;

/**
 * When an activity happens relative to the surgery date: a day, or a window from {@code low} to {@code high}
 * (both signed day counts or calendar amounts). Months and years are calendar arithmetic, so 3 months after
 * 31 May is 31 August, not 92 days later.
 */
public record Offset(Amount low, Amount high) {

    /** A signed calendar amount: {@code value} units of {@code unit} (d, wk, mo, a). */
    public record Amount(long value, String unit) {

        public LocalDate from(LocalDate start) {
            return switch (unit) {
                case "d" -> start.plusDays(value);
                case "wk" -> start.plusWeeks(value);
                case "mo" -> start.plusMonths(value);
                case "a" -> start.plusYears(value);
                default -> throw new IllegalArgumentException("unsupported offset unit " + unit);
            };
        }

        static Amount of(Duration duration, int sign, String where) {
            if (duration == null || duration.getValue() == null) {
                throw new PathwayDefinitionException(where + ": offset has no value");
            }
            String unit = duration.hasCode() ? duration.getCode() : duration.getUnit();
            if (!"d".equals(unit) && !"wk".equals(unit) && !"mo".equals(unit) && !"a".equals(unit)) {
                throw new PathwayDefinitionException(where + ": offset unit must be d, wk, mo or a, not " + unit);
            }
            return new Amount(sign * duration.getValue().longValueExact(), unit);
        }
    }

    public static final Offset SAME_DAY = new Offset(new Amount(0, "d"), null);

    public LocalDate start(LocalDate surgeryDate) {
        return low.from(surgeryDate);
    }

    /** The last day of the window, or null for a single day. */
    public LocalDate end(LocalDate surgeryDate) {
        return high == null ? null : high.from(surgeryDate);
    }

    static Offset of(PlanDefinitionActionRelatedActionComponent related, String where) {
        int sign = signOf(related.getRelationship(), where);
        if (related.hasOffsetRange()) {
            Range range = related.getOffsetRange();
            Amount low = Amount.of(toDuration(range.getLow()), sign, where);
            Amount high = Amount.of(toDuration(range.getHigh()), sign, where);
            return sign < 0 ? new Offset(high, low) : new Offset(low, high);
        }
        if (related.hasOffsetDuration()) {
            return new Offset(Amount.of(related.getOffsetDuration(), sign, where), null);
        }
        return SAME_DAY;
    }

    private static int signOf(ActionRelationshipType relationship, String where) {
        if (relationship == null) {
            throw new PathwayDefinitionException(where + ": relatedAction has no relationship");
        }
        return switch (relationship) {
            case BEFORE, BEFORESTART, BEFOREEND -> -1;
            case AFTER, AFTERSTART, AFTEREND, CONCURRENT, CONCURRENTWITHSTART -> 1;
            default -> throw new PathwayDefinitionException(
                    where + ": unsupported relationship " + relationship.toCode());
        };
    }

    private static Duration toDuration(org.hl7.fhir.r4.model.Quantity quantity) {
        if (quantity == null) {
            return null;
        }
        Duration duration = new Duration();
        duration.setValue(quantity.getValue());
        duration.setUnit(quantity.getUnit());
        duration.setSystem(quantity.getSystem());
        duration.setCode(quantity.getCode());
        return duration;
    }
}
