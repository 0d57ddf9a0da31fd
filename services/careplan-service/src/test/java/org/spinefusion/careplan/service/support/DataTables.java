package org.spinefusion.careplan.service.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Row counts of the tables a request could write to, for tests that a refused request changed nothing. */
public final class DataTables {

    private static final List<String> WRITTEN_BY_REQUESTS =
            List.of("resource_version", "resource_current", "episode", "escalation", "delivery");

    private DataTables() {}

    public static Map<String, Long> counts(JdbcClient jdbc) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : WRITTEN_BY_REQUESTS) {
            counts.put(
                    table,
                    jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        return counts;
    }
}
