package org.spinefusion.careplan.service.storage;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/**
 * The instant range a FHIR date or dateTime covers at its precision: {@code 2026-05} covers all of May. Values without
 * a time of day are read as UTC days, on the stored side and the search side alike.
 */
public final class FhirDates {

    private FhirDates() {}

    /** The first instant the value covers. */
    public static Instant lowerBound(BaseDateTimeType value) {
        TemporalPrecisionEnum precision = value.getPrecision();
        return switch (precision) {
            case YEAR, MONTH, DAY -> firstDay(value, precision).atStartOfDay().toInstant(ZoneOffset.UTC);
            default -> value.getValue().toInstant().truncatedTo(unit(precision));
        };
    }

    /** The first instant after the value's range. */
    public static Instant upperBound(BaseDateTimeType value) {
        TemporalPrecisionEnum precision = value.getPrecision();
        return switch (precision) {
            case YEAR -> firstDay(value, precision).plusYears(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            case MONTH -> firstDay(value, precision)
                    .plusMonths(1)
                    .atStartOfDay()
                    .toInstant(ZoneOffset.UTC);
            case DAY -> firstDay(value, precision).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            default -> lowerBound(value).plus(1, unit(precision));
        };
    }

    private static LocalDate firstDay(BaseDateTimeType value, TemporalPrecisionEnum precision) {
        int month = precision == TemporalPrecisionEnum.YEAR ? 1 : value.getMonth() + 1;
        int day = precision == TemporalPrecisionEnum.DAY ? value.getDay() : 1;
        return LocalDate.of(value.getYear(), month, day);
    }

    private static ChronoUnit unit(TemporalPrecisionEnum precision) {
        return switch (precision) {
            case MINUTE -> ChronoUnit.MINUTES;
            case SECOND -> ChronoUnit.SECONDS;
            default -> ChronoUnit.MILLIS;
        };
    }
}
