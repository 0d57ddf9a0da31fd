package org.spinefusion.careplan.service.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.TimeType;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.PathwayPackage;
import org.spinefusion.careplan.pathway.fhirpath.FhirPathConditions;
import org.spinefusion.careplan.pathway.testing.Engines;
import org.spinefusion.careplan.service.escalation.EscalationConfiguration.RuleBook;

/**
 * The daily missed check-in scan runs at the timed rules' own {@code daily-scan-time}, in the clinic's time zone (the
 * one deployment setting): a changed artifact moves the scan, with no change to the service's configuration.
 */
class DailyScanTimeTest {

    static final ZoneId CLINIC = ZoneId.of("America/Chicago");
    static final Instant MIDNIGHT_UTC = Instant.parse("2027-03-16T00:00:00Z");

    private static PlanDefinition timedRules() {
        return Engines.pathwayPackage()
                .byCanonical(EscalationRules.TIMED_RULES, PlanDefinition.class)
                .orElseThrow()
                .copy();
    }

    private static Instant nextScan(PathwayPackage pathwayPackage) {
        FhirPathConditions conditions = new FhirPathConditions(Engines.FHIR);
        RuleBook rules = new RuleBook(
                new EscalationRules(pathwayPackage, EscalationRules.RESPONSE_RULES, conditions),
                new EscalationRules(pathwayPackage, EscalationRules.TIMED_RULES, conditions));
        RecurringTask<Void> scan =
                new EscalationJobs().escalationMissedCheckInScanTask(null, rules, CLINIC, Clock.systemUTC());
        return scan.schedulableInstance(RecurringTask.INSTANCE).getNextExecutionTime(MIDNIGHT_UTC);
    }

    @Test
    void theScanRunsAtTheTimeTheTimedRulesGiveInTheClinicTimeZone() {
        String inArtifact = timedRules()
                .getExtensionByUrl(EscalationRules.EXT_DAILY_SCAN_TIME)
                .getValue()
                .primitiveValue();
        assertThat(inArtifact).isEqualTo("10:00:00");

        // 10:00 in Chicago on 2027-03-16 (daylight saving time, UTC-5)
        assertThat(nextScan(Engines.pathwayPackage())).isEqualTo(Instant.parse("2027-03-16T15:00:00Z"));
        assertThat(LocalTime.ofInstant(nextScan(Engines.pathwayPackage()), CLINIC))
                .isEqualTo(LocalTime.parse(inArtifact));
    }

    @Test
    void aChangedScanTimeInTheArtifactMovesTheScan() {
        PlanDefinition changed = timedRules();
        changed.getExtensionByUrl(EscalationRules.EXT_DAILY_SCAN_TIME).setValue(new TimeType("06:30:00"));

        assertThat(nextScan(Engines.pathwayPackage().replacing(changed)))
                .isEqualTo(Instant.parse("2027-03-16T11:30:00Z"));
    }

    @Test
    void timedRulesWithoutAScanTimeStopTheStart() {
        PlanDefinition without = timedRules();
        without.getExtension().removeIf(e -> e.getUrl().equals(EscalationRules.EXT_DAILY_SCAN_TIME));

        assertThatThrownBy(() -> nextScan(Engines.pathwayPackage().replacing(without)))
                .hasMessageContaining("daily-scan-time");
    }
}
