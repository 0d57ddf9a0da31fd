package org.spinefusion.careplan.service.escalation;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The escalation's db-scheduler tasks. db-scheduler runs each due instance on exactly one replica (a row lock in
 * {@code scheduled_tasks}), which is what makes climbing and the daily scan safe with several replicas. The handlers
 * are looked up lazily: the scheduler is built from these task beans, and the handlers need the scheduler.
 */
@Configuration(proxyBeanMethods = false)
class EscalationJobs {

    static final String MISSED_CHECK_IN_SCAN = "escalation-missed-check-in-scan";

    /** Instance id {@code <escalation id>/<level>}: climbs when that level is still unacknowledged at its deadline. */
    @Bean
    OneTimeTask<Void> escalationAckWindowTask(
            ObjectProvider<Escalator> escalator, TransactionTemplate transaction, Clock clock) {
        return Tasks.oneTime(Escalator.ACK_WINDOW_TASK).execute((instance, context) -> {
            String[] idAndLevel = instance.getId().split("/", 2);
            transaction.executeWithoutResult(status -> escalator
                    .getObject()
                    .climbIfUnacknowledged(idAndLevel[0], Integer.parseInt(idAndLevel[1]), clock.instant()));
        });
    }

    /** Daily at the timed rules' {@code daily-scan-time}, in the clinic's time zone (the deployment's setting). */
    @Bean
    RecurringTask<Void> escalationMissedCheckInScanTask(
            ObjectProvider<MissedCheckIns> missedCheckIns,
            EscalationConfiguration.RuleBook rules,
            ZoneId clinicZone,
            Clock clock) {
        return Tasks.recurring(
                        MISSED_CHECK_IN_SCAN,
                        Schedules.daily(clinicZone, rules.timed().dailyScanTime()))
                .execute((instance, context) -> missedCheckIns.getObject().scan(clock.instant()));
    }
}
