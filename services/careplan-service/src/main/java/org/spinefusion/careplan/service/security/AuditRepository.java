package org.spinefusion.careplan.service.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit trail table ({@code audit_event}): appends only. */
@Repository
class AuditRepository {

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(AuditRecord record) {
        jdbc.sql("insert into audit_event (recorded, who, client, patient, interaction, res_type, res_id, operation,"
                        + " status, resources) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[])")
                .params(
                        Timestamp.from(record.recorded()),
                        record.who(),
                        record.client(),
                        record.patient(),
                        record.interaction(),
                        record.resourceType(),
                        record.resourceId(),
                        record.operation(),
                        record.status(),
                        toArrayLiteral(record.resources()))
                .update();
    }

    private static String toArrayLiteral(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return literal.append('}').toString();
    }

    record AuditRecord(
            Instant recorded,
            String who,
            String client,
            String patient,
            String interaction,
            String resourceType,
            String resourceId,
            String operation,
            int status,
            List<String> resources) {}
}
