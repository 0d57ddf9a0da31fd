package org.spinefusion.careplan.service.delivery.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code delivery} table: pending deliveries, the ledger of EHR ids, dead letters. One statement per method, but for
 * {@link #claimBatch}, which takes a lock first.
 */
@Repository
public class DeliveryLedger {

    private static final String COLUMNS = "endpoint_id, res_type, res_id, state, pending_version, delivered_version,"
            + " target_type, ehr_id, ehr_version, superseded_ehr_id, in_flight, attempts, failures, last_status, last_error,"
            + " outcome::text, due, delivered_at, hold_reason, escalation";
    private static final String HELD = "state in ('dead', 'parked')";

    /** Advisory lock space of batch claims (its second key is the endpoint and batch). */
    private static final int BATCH_LOCK_SPACE = 0x0DE11BA7;

    private final JdbcClient jdbc;

    DeliveryLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the resources pending at their endpoints; joins the caller's (the resource write's) transaction. */
    public void enqueue(List<DeliveryKey> keys, List<Boolean> escalations, List<Instant> due, Instant now) {
        jdbc.sql(
                        "insert into delivery (endpoint_id, res_type, res_id, state, pending_version, escalation, due, updated,"
                                + " batch) select e, t, i, 'pending', v, x, d, ?, txid_current() from unnest(?::text[], ?::text[], ?::text[],"
                                + " ?::int[], ?::boolean[], ?::timestamptz[]) as u(e, t, i, v, x, d)"
                                + " on conflict (endpoint_id, res_type, res_id) do update set state = 'pending',"
                                + " pending_version = greatest(delivery.pending_version, excluded.pending_version),"
                                + " escalation = excluded.escalation, outcome = null, hold_reason = null,"
                                + " updated = excluded.updated, batch = excluded.batch,"
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
     * Takes the resource for one attempt unless another replica holds it, or the EHR already holds the key's version
     * with nothing left to finish (as after another's transaction: then nothing is written, and the caller finds it
     * done); marks the attempt in flight. The returned row tells whether the previous attempt's outcome is still
     * unknown ({@code inFlight}).
     */
    public Optional<DeliveryRow> claim(DeliveryKey key, Instant now, Instant leaseUntil) {
        return jdbc.sql("with old as (select " + COLUMNS + " from delivery where endpoint_id = ? and res_type = ?"
                        + " and res_id = ? and (lease_until is null or lease_until < ?) and not (state = 'delivered'"
                        + " and delivered_version >= ? and superseded_ehr_id is null) for update)"
                        + " update delivery d set lease_until = ?, attempts = d.attempts + 1, in_flight = true,"
                        + " updated = ? from old where d.endpoint_id = old.endpoint_id and d.res_type = old.res_type"
                        + " and d.res_id = old.res_id returning old.*")
                .params(key.endpointId(), key.type(), key.id(), time(now), key.version(), time(leaseUntil), time(now))
                .query(DeliveryLedger::toRow)
                .optional();
    }

    /**
     * Takes, for one attempt together, up to {@code limit} of what the write that queued {@code key} queued for the same
     * endpoint and is due and free: rows another replica holds, rows in flight (their earlier attempt may have reached
     * the EHR; they go on their own, guarded) and rows already holding their pending version are left out; what others
     * reference comes first (types in {@code typeOrder}). With {@code keyFirst}, nothing unless the key's own row is
     * free to take (not necessarily among the first {@code limit}).
     */
    @Transactional
    public List<DeliveryRow> claimBatch(
            DeliveryKey key, Instant now, Instant leaseUntil, int limit, boolean keyFirst, List<String> typeOrder) {
        String keyRow =
                "select batch from delivery where endpoint_id = ? and res_type = ? and res_id = ? and batch is not"
                        + " null";
        Optional<Long> batch = keyFirst
                ? jdbc.sql(
                                keyRow
                                        + " and state = 'pending' and not in_flight and (lease_until is null or lease_until < ?)")
                        .params(key.endpointId(), key.type(), key.id(), time(now))
                        .query(Long.class)
                        .optional()
                : jdbc.sql(keyRow)
                        .params(key.endpointId(), key.type(), key.id())
                        .query(Long.class)
                        .optional();
        if (batch.isEmpty()) {
            return List.of();
        }
        // One claim of a batch at a time: two at once would each take part of it (SKIP LOCKED), and an alert taken
        // without the response it cites would wait for the other part to land. The lock ends with this transaction.
        jdbc.sql("select pg_advisory_xact_lock(?, hashtext(? || '|' || ?::text))")
                .params(BATCH_LOCK_SPACE, key.endpointId(), batch.get())
                .query(rs -> {});
        return jdbc.sql("with old as (select " + COLUMNS
                        + " from delivery where endpoint_id = ? and batch = ? and state"
                        + " = 'pending' and not in_flight and due <= ? and (lease_until is null or lease_until < ?) and"
                        + " (delivered_version is null or delivered_version < pending_version) order by"
                        + " array_position(?::text[], res_type), res_id limit ? for update skip locked) update delivery d"
                        + " set lease_until = ?, attempts = d.attempts + 1, in_flight = true, updated = ? from old where"
                        + " d.endpoint_id = old.endpoint_id and d.res_type = old.res_type and d.res_id = old.res_id"
                        + " returning old.*")
                .params(
                        key.endpointId(),
                        batch.get(),
                        time(now),
                        time(now),
                        typeOrder.toArray(String[]::new),
                        limit,
                        time(leaseUntil),
                        time(now))
                .query(DeliveryLedger::toRow)
                .list();
    }

    /**
     * Deliveries at an endpoint waiting out a backoff after failed attempts (none held by an attempt now), up to
     * {@code limit}, those that failed first first.
     */
    public List<Revived> backedOff(String endpointId, int limit, Instant now) {
        return jdbc.sql("select endpoint_id, res_type, res_id, pending_version, escalation from delivery where"
                        + " endpoint_id = ? and state = 'pending' and failures > 0 and (lease_until is null or"
                        + " lease_until < ?) order by updated limit ?")
                .params(endpointId, time(now), limit)
                .query(DeliveryLedger::toRevived)
                .list();
    }

    /** These go on their own from now on: the EHR refused them as one transaction. */
    public void unbatch(String endpointId, Collection<DeliveryKey> keys) {
        jdbc.sql(
                        "update delivery d set batch = null from unnest(?::text[], ?::text[]) as u(t, i) where d.endpoint_id = ?"
                                + " and d.res_type = u.t and d.res_id = u.i")
                .params(
                        keys.stream().map(DeliveryKey::type).toArray(String[]::new),
                        keys.stream().map(DeliveryKey::id).toArray(String[]::new),
                        endpointId)
                .update();
    }

    /**
     * Records what an attempt came to. A move the delivery's current state does not allow (a dead letter, say) is not
     * written; false then.
     */
    public boolean record(DeliveryKey key, Transition transition, Instant now) {
        if (transition instanceof Transition.Released released) {
            return release(key, released.inFlight());
        }
        if (transition instanceof Transition.Retry retry) {
            return failed(key, retry.status(), retry.error(), retry.inFlight(), now);
        }
        if (transition instanceof Transition.Delivered delivered) {
            return delivered(
                    key,
                    delivered.version(),
                    delivered.targetType(),
                    delivered.ehrId(),
                    delivered.ehrVersion(),
                    null,
                    now);
        }
        if (transition instanceof Transition.Parked parked) {
            return park(key, parked.reason(), parked.status(), parked.text(), now);
        }
        if (transition instanceof Transition.Dead dead) {
            return dead(key, dead.reason(), dead.status(), dead.error(), dead.outcome(), now);
        }
        Transition.Finished finished = (Transition.Finished) transition;
        return finish(key, finished.state(), now);
    }

    /** Gives the resource back without an outcome (not due yet, rate limited): the in-flight flag as it was. */
    private boolean release(DeliveryKey key, boolean inFlight) {
        return jdbc.sql("update delivery set lease_until = null, in_flight = ?, attempts = attempts - 1"
                                + " where endpoint_id = ? and res_type = ? and res_id = ?")
                        .params(inFlight, key.endpointId(), key.type(), key.id())
                        .update()
                == 1;
    }

    /**
     * The EHR holds {@code version} as {@code ehrId}. {@code superseded} is a note still to be marked superseded; until
     * then the lease is kept and the delivery is not finished.
     */
    public boolean delivered(
            DeliveryKey key,
            int version,
            String targetType,
            String ehrId,
            String ehrVersion,
            String superseded,
            Instant now) {
        return jdbc.sql("update delivery set delivered_version = greatest(coalesce(delivered_version, 0), ?),"
                                + " target_type = ?, ehr_id = ?, ehr_version = ?, superseded_ehr_id = ?, in_flight = ?,"
                                + " lease_until = case when ? then lease_until end,"
                                + " failures = 0, last_status = null, last_error = null, outcome = null, delivered_at = ?,"
                                + " updated = ?, state = case when pending_version <= ? then 'delivered' else state end"
                                + " where endpoint_id = ? and res_type = ? and res_id = ? and state = any(?::text[])")
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
                                key.id(),
                                into(DeliveryState.DELIVERED))
                        .update()
                == 1;
    }

    /** What one transaction stored: the EHR's id and version of one of our resources. */
    public record Landed(DeliveryKey key, int version, String ehrId, String ehrVersion) {}

    /** {@link #delivered} for every resource a transaction stored, in one statement; how many rows moved. */
    public int deliveredAll(List<Landed> landed, Instant now) {
        return jdbc.sql("update delivery d set delivered_version = greatest(coalesce(d.delivered_version, 0), u.v),"
                        + " target_type = d.res_type, ehr_id = u.ehr, ehr_version = u.ehrv, superseded_ehr_id = null,"
                        + " in_flight = false, lease_until = null, failures = 0, last_status = null, last_error = null,"
                        + " outcome = null, delivered_at = ?, updated = ?, state = case when d.pending_version <= u.v"
                        + " then 'delivered' else d.state end from unnest(?::text[], ?::text[], ?::int[], ?::text[],"
                        + " ?::text[]) as u(t, i, v, ehr, ehrv) where d.endpoint_id = ? and d.res_type = u.t and"
                        + " d.res_id = u.i and d.state = any(?::text[])")
                .params(
                        time(now),
                        time(now),
                        landed.stream().map(l -> l.key().type()).toArray(String[]::new),
                        landed.stream().map(l -> l.key().id()).toArray(String[]::new),
                        landed.stream().map(Landed::version).toArray(Integer[]::new),
                        landed.stream().map(Landed::ehrId).toArray(String[]::new),
                        landed.stream().map(Landed::ehrVersion).toArray(String[]::new),
                        landed.get(0).key().endpointId(),
                        into(DeliveryState.DELIVERED))
                .update();
    }

    /** A failed attempt to retry; {@code inFlight} when the EHR may have acted on it (timeouts, 5xx). */
    private boolean failed(DeliveryKey key, Integer status, String error, boolean inFlight, Instant now) {
        return jdbc.sql(
                                "update delivery set failures = failures + 1, last_status = ?, last_error = ?, in_flight = ?,"
                                        + " lease_until = null, updated = ? where endpoint_id = ? and res_type = ? and res_id = ?")
                        .params(status, error, inFlight, time(now), key.endpointId(), key.type(), key.id())
                        .update()
                == 1;
    }

    /** A failure that will not heal: kept with the EHR's answer until replayed. */
    private boolean dead(
            DeliveryKey key, HoldReason reason, Integer status, String error, String outcome, Instant now) {
        return jdbc.sql("update delivery set state = 'dead', hold_reason = ?, failures = failures + 1, last_status = ?,"
                                + " last_error = ?, outcome = ?::jsonb, in_flight = false, lease_until = null, updated = ?"
                                + " where endpoint_id = ? and res_type = ? and res_id = ? and state = any(?::text[])")
                        .params(
                                reason.code(),
                                status,
                                error,
                                outcome,
                                time(now),
                                key.endpointId(),
                                key.type(),
                                key.id(),
                                into(DeliveryState.DEAD))
                        .update()
                == 1;
    }

    /**
     * Parked: the EHR's side must change first (its Patient missing, its copy edited since ours); the reason is shown in
     * the delivery status. A later version of the resource, or a replay, puts it back to pending.
     */
    private boolean park(DeliveryKey key, HoldReason reason, Integer status, String text, Instant now) {
        return jdbc.sql(
                                "update delivery set state = 'parked', hold_reason = ?, failures = failures + 1, last_status = ?,"
                                        + " last_error = ?, in_flight = false, lease_until = null, updated = ?"
                                        + " where endpoint_id = ? and res_type = ? and res_id = ? and state = any(?::text[])")
                        .params(
                                reason.code(),
                                status,
                                text,
                                time(now),
                                key.endpointId(),
                                key.type(),
                                key.id(),
                                into(DeliveryState.PARKED))
                        .update()
                == 1;
    }

    /** Nothing to send for this version (cancelled before it was due, or not a type the endpoint takes). */
    private boolean finish(DeliveryKey key, DeliveryState state, Instant now) {
        return jdbc.sql("update delivery set state = case when pending_version <= ? then ? else state end,"
                                + " in_flight = false, lease_until = null, updated = ?"
                                + " where endpoint_id = ? and res_type = ? and res_id = ? and state = any(?::text[])")
                        .params(
                                key.version(),
                                state.code(),
                                time(now),
                                key.endpointId(),
                                key.type(),
                                key.id(),
                                into(state))
                        .update()
                == 1;
    }

    /** A held delivery put back to pending: the version to send, and whether it goes with an escalation's priority. */
    public record Revived(DeliveryKey key, boolean escalation) {}

    /** Puts a held delivery back to pending; empty when it was not held. */
    public Optional<Revived> revive(String endpointId, String type, String id, Instant now) {
        return jdbc.sql("update delivery set state = 'pending', hold_reason = null, failures = 0, outcome = null,"
                        + " in_flight = false, due = ?, updated = ?"
                        + " where endpoint_id = ? and res_type = ? and res_id = ? and " + HELD
                        + " returning endpoint_id, res_type, res_id, pending_version, escalation")
                .params(time(now), time(now), endpointId, type, id)
                .query(DeliveryLedger::toRevived)
                .optional();
    }

    /**
     * Puts up to {@code limit} held deliveries matching the filter back to pending, skipping rows another transaction
     * is changing. A row revived here is no longer held, so a second call does not revive it.
     */
    public List<Revived> reviveHeld(DeadLetterFilter filter, int limit, Instant now) {
        Where where = where(filter);
        List<Object> params = new ArrayList<>(List.of(time(now), time(now)));
        params.addAll(where.params());
        params.add(limit);
        return jdbc.sql("update delivery d set state = 'pending', hold_reason = null, failures = 0, outcome = null,"
                        + " in_flight = false, due = ?, updated = ? from (select endpoint_id, res_type, res_id from"
                        + " delivery where " + where.sql() + " order by updated, endpoint_id, res_type, res_id"
                        + " limit ? for update skip locked) held where d.endpoint_id = held.endpoint_id"
                        + " and d.res_type = held.res_type and d.res_id = held.res_id"
                        + " returning d.endpoint_id, d.res_type, d.res_id, d.pending_version, d.escalation")
                .params(params)
                .query(DeliveryLedger::toRevived)
                .list();
    }

    private static Revived toRevived(ResultSet rs, int row) throws SQLException {
        return new Revived(
                new DeliveryKey(
                        rs.getString("endpoint_id"),
                        rs.getString("res_type"),
                        rs.getString("res_id"),
                        rs.getInt("pending_version")),
                rs.getBoolean("escalation"));
    }

    public Optional<DeliveryRow> find(DeliveryKey key) {
        return jdbc.sql("select " + COLUMNS + " from delivery where endpoint_id = ? and res_type = ? and res_id = ?")
                .params(key.endpointId(), key.type(), key.id())
                .query(DeliveryLedger::toRow)
                .optional();
    }

    /** The rows of several resources ({@code Type/id}) at one endpoint, by {@code Type/id}, in one statement. */
    public Map<String, DeliveryRow> findAll(String endpointId, Collection<String> references) {
        if (references.isEmpty()) {
            return Map.of();
        }
        List<String> ordered = List.copyOf(references);
        return jdbc
                .sql("select " + COLUMNS + " from delivery where endpoint_id = ? and (res_type, res_id) in"
                        + " (select t, i from unnest(?::text[], ?::text[]) as u(t, i))")
                .params(
                        endpointId,
                        ordered.stream()
                                .map(r -> r.substring(0, r.indexOf('/')))
                                .toArray(String[]::new),
                        ordered.stream()
                                .map(r -> r.substring(r.indexOf('/') + 1))
                                .toArray(String[]::new))
                .query(DeliveryLedger::toRow)
                .list()
                .stream()
                .collect(Collectors.toMap(row -> row.type() + "/" + row.id(), row -> row));
    }

    public List<DeliveryRow> forResource(String type, String id) {
        return jdbc.sql("select " + COLUMNS + " from delivery where res_type = ? and res_id = ? order by endpoint_id")
                .params(type, id)
                .query(DeliveryLedger::toRow)
                .list();
    }

    /** Resources of {@code type} the EHRs hold as themselves, most recently delivered first. */
    public List<DeliveryRow> deliveredAs(String type, int limit) {
        return jdbc.sql("select " + COLUMNS + " from delivery where res_type = ? and target_type = ? and ehr_id is not"
                        + " null order by delivered_at desc nulls last limit ?")
                .params(type, type, limit)
                .query(DeliveryLedger::toRow)
                .list();
    }

    /** One page of the held deliveries matching the filter, longest held first. */
    public List<DeliveryRow> held(DeadLetterFilter filter, int offset, int limit) {
        Where where = where(filter);
        List<Object> params = new ArrayList<>(where.params());
        params.add(limit);
        params.add(offset);
        return jdbc.sql("select " + COLUMNS + " from delivery where " + where.sql()
                        + " order by updated, endpoint_id, res_type, res_id limit ? offset ?")
                .params(params)
                .query(DeliveryLedger::toRow)
                .list();
    }

    public long countHeld(DeadLetterFilter filter) {
        Where where = where(filter);
        return jdbc.sql("select count(*) from delivery where " + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    private static Where where(DeadLetterFilter filter) {
        StringBuilder sql = new StringBuilder(HELD);
        List<Object> params = new ArrayList<>();
        if (filter.endpointId() != null) {
            sql.append(" and endpoint_id = ?");
            params.add(filter.endpointId());
        }
        if (filter.reason() != null) {
            sql.append(" and hold_reason = ?");
            params.add(filter.reason().code());
        }
        if (filter.statusFrom() != null) {
            sql.append(" and last_status between ? and ?");
            params.add(filter.statusFrom());
            params.add(filter.statusTo());
        }
        if (filter.outcomeCode() != null) {
            sql.append(" and outcome -> 'issue' @> jsonb_build_array(jsonb_build_object('code', ?::text))");
            params.add(filter.outcomeCode());
        }
        return new Where(sql.toString(), params);
    }

    private record Where(String sql, List<Object> params) {}

    /** Pending deliveries that are due, the oldest due time among them, and dead letters. */
    public Backlog backlog(Instant now) {
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

    public record Backlog(long pending, Instant oldestDue, long dead) {}

    private static DeliveryRow toRow(ResultSet rs, int row) throws SQLException {
        return new DeliveryRow(
                rs.getString("endpoint_id"),
                rs.getString("res_type"),
                rs.getString("res_id"),
                DeliveryState.fromCode(rs.getString("state")),
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
                instant(rs, "delivered_at"),
                rs.getString("hold_reason"),
                rs.getBoolean("escalation"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String[] into(DeliveryState next) {
        return DeliveryState.into(next).stream().map(DeliveryState::code).toArray(String[]::new);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
