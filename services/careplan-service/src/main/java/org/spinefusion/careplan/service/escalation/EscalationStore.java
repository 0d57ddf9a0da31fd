package org.spinefusion.careplan.service.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The escalation state: which findings of an episode are open, and how far each escalation has climbed. */
@Repository
class EscalationStore {

    private static final String COLUMNS = "escalation_id, episode_key, patient_ref, careplan_id, priority, ladder,"
            + " level, alert_ids, task_id, trigger_ref, status, opened";

    private final JdbcClient jdbc;

    EscalationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The rule ids of the episode's open escalations. */
    Set<String> openFindings(String episodeKey) {
        return jdbc
                .sql("select f.rule_id from escalation_finding f join escalation e using (escalation_id)"
                        + " where f.episode_key = ? and e.status = 'open'")
                .param(episodeKey)
                .query(String.class)
                .list()
                .stream()
                .collect(Collectors.toSet());
    }

    void open(OpenEscalation escalation, Collection<EscalationRule> findings) {
        jdbc.sql("insert into escalation (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?::text[], ?, ?::text[], ?, ?, ?, ?)")
                .params(
                        escalation.id(),
                        escalation.episodeKey(),
                        escalation.patientReference(),
                        escalation.carePlanId(),
                        escalation.priority().code(),
                        escalation.ladder().toArray(String[]::new),
                        escalation.level(),
                        escalation.alertIds().toArray(String[]::new),
                        escalation.taskId(),
                        escalation.triggerRef(),
                        escalation.status(),
                        utc(escalation.opened()))
                .update();
        jdbc.sql("insert into escalation_finding (escalation_id, episode_key, rule_id, priority_rank)"
                        + " select ?, ?, r.id, r.rank from unnest(?::text[], ?::smallint[]) as r(id, rank)")
                .params(
                        escalation.id(),
                        escalation.episodeKey(),
                        findings.stream().map(EscalationRule::id).toArray(String[]::new),
                        findings.stream().map(r -> (short) r.priority().rank()).toArray(Short[]::new))
                .update();
    }

    /** The escalation, locked until the transaction ends, so one replica at a time climbs or acknowledges it. */
    Optional<OpenEscalation> lock(String escalationId) {
        return jdbc.sql("select " + COLUMNS + " from escalation where escalation_id = ? for update")
                .param(escalationId)
                .query(EscalationStore::row)
                .optional();
    }

    Optional<OpenEscalation> lockByTask(String taskId) {
        return jdbc.sql("select " + COLUMNS + " from escalation where task_id = ? for update")
                .param(taskId)
                .query(EscalationStore::row)
                .optional();
    }

    void climbed(String escalationId, int level, List<String> alertIds) {
        jdbc.sql("update escalation set level = ?, alert_ids = ?::text[] where escalation_id = ?")
                .params(level, alertIds.toArray(String[]::new), escalationId)
                .update();
    }

    void close(String escalationId, String status, Instant when) {
        jdbc.sql("update escalation set status = ?, closed = ? where escalation_id = ? and status = 'open'")
                .params(status, utc(when), escalationId)
                .update();
    }

    /** Closes the episode's open escalations raised for any of the rules; returns their ids. */
    List<String> resolveFindings(String episodeKey, Collection<String> ruleIds, Instant when) {
        return jdbc.sql("update escalation e set status = 'resolved', closed = ? where e.status = 'open'"
                        + " and e.episode_key = ? and exists (select 1 from escalation_finding f"
                        + " where f.escalation_id = e.escalation_id and f.rule_id = any(?::text[]))"
                        + " returning e.escalation_id")
                .params(utc(when), episodeKey, ruleIds.toArray(String[]::new))
                .query(String.class)
                .list();
    }

    private static OpenEscalation row(ResultSet rs, int n) throws SQLException {
        return new OpenEscalation(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Priority.of(rs.getString(5)),
                List.of((String[]) rs.getArray(6).getArray()),
                rs.getInt(7),
                List.of((String[]) rs.getArray(8).getArray()),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getObject(12, OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
