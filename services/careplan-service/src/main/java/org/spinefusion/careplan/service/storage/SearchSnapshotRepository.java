package org.spinefusion.careplan.service.storage;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores the ordered matches of a search so its pages can be served later, by any replica. */
@Repository
public class SearchSnapshotRepository {

    private final JdbcClient jdbc;

    SearchSnapshotRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param kind what the snapshot lists, for example {@code searchset} or {@code history}
     * @param includes the _include/_revinclude instructions to apply to every page
     */
    public record Snapshot(UUID id, Instant created, String kind, List<VersionRef> refs, List<String> includes) {}

    /** Stores the snapshot for {@code owner}, the caller it was made for. */
    public void insert(Snapshot snapshot, String owner) {
        jdbc.sql("insert into search_snapshot (id, created, kind, refs, includes, owner)"
                        + " values (?, ?, ?, ?::text[], ?::text[], ?)")
                .params(
                        snapshot.id(),
                        OffsetDateTime.ofInstant(snapshot.created(), ZoneOffset.UTC),
                        snapshot.kind(),
                        snapshot.refs().stream().map(VersionRef::toString).toArray(String[]::new),
                        snapshot.includes().toArray(String[]::new),
                        owner)
                .update();
    }

    /** The snapshot if it exists, was made for {@code owner} and was created at or after {@code notBefore}. */
    public Optional<Snapshot> find(UUID id, Instant notBefore, String owner) {
        return jdbc.sql("select id, created, kind, refs, includes from search_snapshot"
                        + " where id = ? and created >= ? and owner = ?")
                .params(id, OffsetDateTime.ofInstant(notBefore, ZoneOffset.UTC), owner)
                .query((rs, row) -> new Snapshot(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3),
                        strings(rs.getArray(4)).stream().map(VersionRef::parse).toList(),
                        strings(rs.getArray(5))))
                .optional();
    }

    public int deleteCreatedBefore(Instant cutoff) {
        return jdbc.sql("delete from search_snapshot where created < ?")
                .param(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .update();
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
