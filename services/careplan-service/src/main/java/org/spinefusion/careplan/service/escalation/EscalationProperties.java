package org.spinefusion.careplan.service.escalation;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ackWindow how long an escalation may stay unacknowledged, per priority, before it climbs
 * @param climbTo the roles an unacknowledged escalation climbs to after the rule's own recipients, in order
 * @param checkInScanTime the clinic-local time of the daily missed check-in scan
 */
@ConfigurationProperties("careplan.escalation")
record EscalationProperties(
        @DefaultValue AckWindow ackWindow,
        @DefaultValue("surgeon-on-call") List<String> climbTo,
        @DefaultValue("10:00") LocalTime checkInScanTime) {

    record AckWindow(
            @DefaultValue("5m") Duration stat,
            @DefaultValue("30m") Duration asap,
            @DefaultValue("4h") Duration urgent,
            @DefaultValue("24h") Duration routine) {

        Duration of(Priority priority) {
            return switch (priority) {
                case STAT -> stat;
                case ASAP -> asap;
                case URGENT -> urgent;
                case ROUTINE -> routine;
            };
        }
    }
}
