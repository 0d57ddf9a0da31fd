package org.spinefusion.careplan.service.escalation;

import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operations settings of escalation. The acknowledgement windows and the climb are clinical policy and live in the
 * escalation PlanDefinition ({@link EscalationPolicy}), not here.
 *
 * @param checkInScanTime the clinic-local time of the daily missed check-in scan
 */
@ConfigurationProperties("careplan.escalation")
record EscalationProperties(@DefaultValue("10:00") LocalTime checkInScanTime) {}
