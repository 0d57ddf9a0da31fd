package org.spinefusion.careplan.service.delivery.queue;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import java.util.Collection;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Removes the executions of deliveries that another one's transaction has already delivered, before they run: each
 * would only claim its row, find its version delivered and end, a handful of statements for nothing. An execution
 * being run now is left to end that way. One statement on db-scheduler's table (its documented schema), where the
 * scheduler's API would take one per execution.
 */
@Component
public class WaitingExecutions {

    private final JdbcClient jdbc;
    private final String table;

    WaitingExecutions(JdbcClient jdbc, DbSchedulerProperties scheduler) {
        this.jdbc = jdbc;
        this.table = scheduler.getTableName();
    }

    public int removeDelivered(Collection<DeliveryKey> delivered) {
        if (delivered.isEmpty()) {
            return 0;
        }
        return jdbc.sql("delete from " + table
                        + " where task_name = ? and task_instance = any(?::text[]) and not picked")
                .params(
                        DeliveryKey.TASK,
                        delivered.stream().map(DeliveryKey::instanceId).toArray(String[]::new))
                .update();
    }
}
