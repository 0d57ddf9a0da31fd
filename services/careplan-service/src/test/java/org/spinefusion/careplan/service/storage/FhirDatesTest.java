package org.spinefusion.careplan.service.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.junit.jupiter.api.Test;

class FhirDatesTest {

    @Test
    void coversTheWholeDayOfADate() {
        DateType day = new DateType("2026-03-02");
        assertThat(FhirDates.lowerBound(day)).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(FhirDates.upperBound(day)).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
    }

    @Test
    void coversTheWholeMonthAndYear() {
        assertThat(FhirDates.upperBound(new DateTimeType("2026-12"))).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(FhirDates.lowerBound(new DateTimeType("2026"))).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(FhirDates.upperBound(new DateTimeType("2026"))).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void honoursTheZoneOfADateTime() {
        DateTimeType time = new DateTimeType("2026-03-01T09:00:00+01:00");
        assertThat(FhirDates.lowerBound(time)).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
        assertThat(FhirDates.upperBound(time)).isEqualTo(Instant.parse("2026-03-01T08:00:01Z"));
    }
}
