package org.spinefusion.careplan.ehr;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time a server has used, as the operating system counts it: its JVM's and that of the PostgreSQL backends
 * connected to its database. On a shared machine throughput says how much CPU a server got; CPU per call says how much
 * work a call is, whatever share it got. Backends that end between two readings are lost; pools keep theirs open.
 */
final class CpuMeter {

    record Reading(Duration server, Map<Long, Duration> backends) {}

    /** CPU used between two readings, in milliseconds. */
    record Used(double serverMillis, double databaseMillis) {}

    private final long serverPid;
    private final AcceptanceDatabase.Connection database;

    CpuMeter(long serverPid, AcceptanceDatabase.Connection database) {
        this.serverPid = serverPid;
        this.database = database;
    }

    Reading read() {
        Map<Long, Duration> backends = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select pid from pg_stat_activity where datname = current_database()"
                                + " and pid <> pg_backend_pid()")) {
            while (rows.next()) {
                backends.put(rows.getLong(1), cpu(rows.getLong(1)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list the backends of " + database.url(), e);
        }
        return new Reading(cpu(serverPid), backends);
    }

    static Used between(Reading before, Reading after) {
        Duration database = Duration.ZERO;
        for (Map.Entry<Long, Duration> backend : after.backends().entrySet()) {
            database = database.plus(backend.getValue().minus(before.backends().getOrDefault(backend.getKey(), Duration.ZERO)));
        }
        return new Used(after.server().minus(before.server()).toNanos() / 1e6, database.toNanos() / 1e6);
    }

    /** Zero for a process that is gone or whose CPU time the system does not tell. */
    private static Duration cpu(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(process -> process.info().totalCpuDuration())
                .orElse(Duration.ZERO);
    }
}
