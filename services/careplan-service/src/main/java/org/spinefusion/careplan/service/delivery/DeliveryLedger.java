package org.spinefusion.careplan.service.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code delivery} table: pending deliveries, the ledger of EHR ids, dead letters. One statement per method. */
@Repository
class DeliveryLedger {

    private static final String COLUMNS = "endpoint_id, res_type, res_id, state, pending_version, delivered_version,"
            + " target_type, ehr_id, ehr_version, superseded_ehr_id, in_flight, attempts, failures, last_status, last_error,"
            + " outcome::text, due, delivered_at";

    private final JdbcClient jdbc;

    DeliveryLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the resources pending at their endpoints; joins the caller's (the resource write's) transaction. */
    void enqueue(List<DeliveryKey> keys, List<Boolean> escalations, List<Instant> due, Instant now) {
        jdbc.sql(
                        "insert into delivery (endpoint_id, res_type, res_id, state, pending_version, escalation, due, updated)"
                                + " select e, t, i, 'pending', v, x, d, ? from unnest(?::text[], ?::text[], ?::text[],"
                                + " ?::int[], ?::boolean[], ?::timestamptz[]) as u(e, t, i, v, x, d)"
                                + " on conflict (endpoint_id, res_type, res_id) do update set state = 'pending',"
                                + " pending_version = greatest(delivery.pending_version, excluded.pending_version),"
                                + " escalation = excluded.escalation, outcome = null, updated = excluded.updated,"
                                + " due = case when delivery.state = 'pending' then least(delivery.due, excluded.due)"
                                + " else excluded.due end")
                .params(
                        time(now),
                        keys.stream().map(DeliveryKey::endpointId).toArray(String[]::new),
                        keys.stream().map(DeliveryKey::type).toArray(String[]::new),
                        keys.stream().map(DeliveryKey::id).toArray(String[]::new),
                        keys.stream().map(DeliveryKey::version).toArray(Integer[]::new),
                        escalations.stream().map(String::valueOf).toArray(String[]::new),
                        due.stream().map(Instant::toString).toArray(String[]::new))
                .update();
    }

    /**
     * Takes the resource for one attempt unless another replica holds it; marks the attempt in flight. The returned row
     * tells whether the previous attempt's outcome is still unknown ({@code inFlight}).
     */
    Optional<DeliveryRow> claim(DeliveryKey key, Instant now, Instant leaseUntil) {
        return jdbc.sql("with old as (select " + COLUMNS + " from delivery where endpoint_id = ? and res_type = ?"
                        + " and res_id = ? and (lease_until is null or lease_until < ?) for update)"
                        + " update delivery d set lease_until = ?, attempts = d.attempts + 1, in_flight = true,"
                        + " updated = ? from old where d.endpoint_id = old.endpoint_id and d.res_type = old.res_type"
                        + " and d.res_id = old.res_id returning old.*")
                .params(key.endpointId(), key.type(), key.id(), time(now), time(leaseUntil), time(now))
                .query(DeliveryLedger::toRow)
                .optional();
    }

    /** Gives the resource back without an outcome (not due yet, rate limited): the in-flight flag as it was. */
    void release(DeliveryKey key, boolean inFlight) {
        jdbc.sql("update delivery set lease_until = null, in_flight = ?, attempts = attempts - 1"
                        + " where endpoint_id = ? and res_type = ? and res_id = ?")
                .params(inFlight, key.endpointId(), key.type(), key.id())
                .update();
    }

    /**
     * The EHR holds {@code version} as {@code ehrId}. {@code superseded} is a note still to be marked superseded; until
     * then the lease is kept and the delivery is not finished.
     */
    void delivered(
            DeliveryKey key,
            int version,
            String targetType,
            String ehrId,
            String ehrVersion,
            String superseded,
            Instant now) {
        jdbc.sql("update delivery set delivered_version = greatest(coalesce(delivered_version, 0), ?),"
                        + " target_type = ?, ehr_id = ?, ehr_version = ?, superseded_ehr_id = ?, in_flight = ?,"
                        + " lease_until = case when ? then lease_until end,"
                        + " failures = 0, last_status = null, last_error = null, outcome = null, delivered_at = ?,"
                        + " updated = ?, state = case when pending_version <= ? then 'delivered' else state end"
                        + " where endpoint_id = ? and res_type = ? and res_id = ?")
                .params(
                        version,
                        targetType,
                        ehrId,
                        ehrVersion,
                        superseded,
                        false,
                        superseded != null,
                        time(now),
                        time(now),
                        version,
                        key.endpointId(),
                        key.type(),
                        key.id())
                .update();
    }

    /** A failed attempt to retry; {@code inFlight} when the EHR may have acted on it (timeouts, 5xx). */
    void failed(DeliveryKey key, Integer status, String error, boolean inFlight, Instant now) {
        jdbc.sql("update delivery set failures = failures + 1, last_status = ?, last_error = ?, in_flight = ?,"
                        + " lease_until = null, updated = ? where endpoint_id = ? and res_type = ? and res_id = ?")
                .params(status, error, inFlight, time(now), key.endpointId(), key.type(), key.id())
                .update();
    }

    /** A failure that will not heal: kept with the EHR's answer until replayed. */
    void dead(DeliveryKey key, Integer status, String error, String outcome, Instant now) {
        jdbc.sql("update delivery set state = 'dead', failures = failures + 1, last_status = ?, last_error = ?,"
                        + " outcome = ?::jsonb, in_flight = false, lease_until = null, updated = ?"
                        + " where endpoint_id = ? and res_type = ? and res_id = ?")
                .params(status, error, outcome, time(now), key.endpointId(), key.type(), key.id())
                .update();
    }

    /**
     * Parked: the EHR's side must change first (its Patient missing, its copy edited since ours); the reason is shown in
     * the delivery status. A later version of the resource, or a replay, puts it back to pending.
     */
    void park(DeliveryKey key, Integer status, String reason, Instant now) {
        jdbc.sql("update delivery set state = 'parked', failures = failures + 1, last_status = ?, last_error = ?,"
                        + " in_flight = false, lease_until = null, updated = ?"
                        + " where endpoint_id = ? and res_type = ? and res_id = ?")
                .params(status, reason, time(now), key.endpointId(), key.type(), key.id())
                .update();
    }

    /** Nothing to send for this version (cancelled before it was due, or not a type the endpoint takes). */
    void finish(DeliveryKey key, String state, Instant now) {
        jdbc.sql("update delivery set state = case when pending_version <= ? then ? else state end,"
                        + " in_flight = false, lease_until = null, updated = ?"
                        + " where endpoint_id = ? and res_type = ? and res_id = ?")
                .params(key.version(), state, time(now), key.endpointId(), key.type(), key.id())
                .update();
    }

    /** Puts a dead letter back to pending; the version to send, or empty when it was not a dead letter. */
    Optional<Integer> revive(String endpointId, String type, String id, Instant now) {
        return jdbc.sql("update delivery set state = 'pending', failures = 0, outcome = null, in_flight = false,"
                        + " due = ?, updated = ?"
                        + " where endpoint_id = ? and res_type = ? and res_id = ? and state in ('dead', 'parked')"
                        + " returning pending_version")
                .params(time(now), time(now), endpointId, type, id)
                .query(Integer.class)
                .optional();
    }

    Optional<DeliveryRow> find(DeliveryKey key) {
        return jdbc.sql("select " + COLUMNS + " from delivery where endpoint_id = ? and res_type = ? and res_id = ?")
                .params(key.endpointId(), key.type(), key.id())
                .query(DeliveryLedger::toRow)
                .optional();
    }

    List<DeliveryRow> forResource(String type, String id) {
        return jdbc.sql("select " + COLUMNS + " from delivery where res_type = ? and res_id = ? order by endpoint_id")
                .params(type, id)
                .query(DeliveryLedger::toRow)
                .list();
    }

    /** Resources of {@code type} the EHRs hold as themselves, most recently delivered first. */
    List<DeliveryRow> deliveredAs(String type, int limit) {
        return jdbc.sql("select " + COLUMNS + " from delivery where res_type = ? and target_type = ? and ehr_id is not"
                        + " null order by delivered_at desc nulls last limit ?")
                .params(type, type, limit)
                .query(DeliveryLedger::toRow)
                .list();
    }

    List<DeliveryRow> deadLetters(int limit) {
        return jdbc.sql("select " + COLUMNS + " from delivery where state = 'dead' order by updated limit ?")
                .param(limit)
                .query(DeliveryLedger::toRow)
                .list();
    }

    /** Pending deliveries that are due, the oldest due time among them, and dead letters. */
    Backlog backlog(Instant now) {
        return jdbc.sql("select count(*) filter (where state = 'pending' and due <= ?), min(due) filter (where"
                        + " state = 'pending' and due <= ?), count(*) filter (where state = 'dead') from delivery")
                .params(time(now), time(now))
                .query((rs, row) -> new Backlog(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class) == null
                                ? null
                                : rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getLong(3)))
                .single();
    }

    record Backlog(long pending, Instant oldestDue, long dead) {}

    private static DeliveryRow toRow(ResultSet rs, int row) throws SQLException {
        return new DeliveryRow(
                rs.getString("endpoint_id"),
                rs.getString("res_type"),
                rs.getString("res_id"),
                rs.getString("state"),
                rs.getInt("pending_version"),
                (Integer) rs.getObject("delivered_version"),
                rs.getString("target_type"),
                rs.getString("ehr_id"),
                rs.getString("ehr_version"),
                rs.getString("superseded_ehr_id"),
                rs.getBoolean("in_flight"),
                rs.getInt("attempts"),
                rs.getInt("failures"),
                (Integer) rs.getObject("last_status"),
                rs.getString("last_error"),
                rs.getString("outcome"),
                instant(rs, "due"),
                instant(rs, "delivered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
