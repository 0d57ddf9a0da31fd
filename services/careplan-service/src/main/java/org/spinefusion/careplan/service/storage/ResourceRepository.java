package org.spinefusion.careplan.service.storage;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and writes FHIR resources in PostgreSQL. Every change is a new version; content equal to the current version
 * (ignoring {@code meta.versionId} and {@code meta.lastUpdated}) writes nothing. Writers serialize per resource on a
 * transaction-scoped advisory lock, so concurrent saves of the same resource number their versions without gaps or
 * collisions. Every {@link ResourceWriteListener} bean hears of the versions written, in the same transaction. Each
 * version is stored as the JSON it was encoded to, once; resources read or saved here carry that JSON
 * ({@link StoredJson}) for whoever sends them on.
 */
@Repository
public class ResourceRepository {

    private static final int RESOURCE_LOCK_SPACE = 0x0C0FFEE1;
    private static final String SEPARATOR = "\u001f";
    private static final String READ_COLUMNS =
            "v.res_type, v.res_id, v.version_id, v.last_updated, coalesce(v.json, v.content::text), v.json is not null";

    private final JdbcClient jdbc;
    private final FhirContext fhirContext;
    private final SearchColumnsByType columns;
    private final Clock clock;
    private final ObjectProvider<ResourceWriteListener> writeListeners;

    ResourceRepository(
            JdbcClient jdbc,
            FhirContext fhirContext,
            SearchColumnsByType columns,
            Clock clock,
            ObjectProvider<ResourceWriteListener> writeListeners) {
        this.jdbc = jdbc;
        this.fhirContext = fhirContext;
        this.columns = columns;
        this.clock = clock;
        this.writeListeners = writeListeners;
    }

    /**
     * Writes each resource as a new version unless its content is unchanged, and sets {@code id}, {@code
     * meta.versionId} and {@code meta.lastUpdated} on every resource passed (from the stored row when unchanged). Joins
     * the caller's transaction. Every resource needs an id; a batch must not hold the same resource twice.
     */
    @Transactional
    public List<StoredResource> saveAll(List<? extends Resource> resources) {
        if (resources.isEmpty()) {
            return List.of();
        }
        List<Pending> pending = resources.stream().map(this::prepare).toList();
        lock(pending);
        Map<String, Head> heads = readHeads(pending);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Pending> changed = new ArrayList<>();
        List<StoredResource> stored = new ArrayList<>(pending.size());
        for (Pending next : pending) {
            Head head = heads.get(next.key());
            boolean unchanged = head != null && head.contentHash().equals(next.contentHash());
            int version = unchanged ? head.versionId() : head == null ? 1 : head.versionId() + 1;
            Instant lastUpdated = unchanged ? head.lastUpdated() : now;
            stamp(next.resource(), version, lastUpdated);
            Pending versioned = next.withJson(versionedJson(next));
            if (!unchanged) {
                changed.add(versioned.withVersion(version));
            }
            StoredJson.attach(next.resource(), versioned.json());
            stored.add(new StoredResource(next.type(), next.id(), version, lastUpdated, !unchanged));
        }
        if (!changed.isEmpty()) {
            write(changed, now);
            List<Resource> written = changed.stream().map(Pending::resource).toList();
            writeListeners.orderedStream().forEach(listener -> listener.written(written));
        }
        return stored;
    }

    public Optional<Resource> readCurrent(String type, String id) {
        return jdbc.sql("select " + READ_COLUMNS + " from resource_current c join resource_version v"
                        + " on v.res_type = c.res_type and v.res_id = c.res_id and v.version_id = c.version_id"
                        + " where c.res_type = ? and c.res_id = ?")
                .params(type, id)
                .query(this::toResource)
                .optional();
    }

    public Optional<Resource> readVersion(String type, String id, int versionId) {
        return jdbc.sql("select " + READ_COLUMNS
                        + " from resource_version v where v.res_type = ? and v.res_id = ? and v.version_id = ?")
                .params(type, id, versionId)
                .query(this::toResource)
                .optional();
    }

    /**
     * The current version ({@code versionId} null) or the given one, with only the listed top-level elements parsed
     * (besides resourceType, id and meta) and its whole stored JSON attached ({@link StoredJson#isPartial}): for a
     * read whose response is the stored JSON and whose checks look at those elements alone. A version written before
     * the JSON was kept is parsed whole.
     */
    public Optional<Resource> readForChecks(String type, String id, Integer versionId, Set<String> elements) {
        String sql = versionId == null
                ? "select " + READ_COLUMNS + " from resource_current c join resource_version v"
                        + " on v.res_type = c.res_type and v.res_id = c.res_id and v.version_id = c.version_id"
                        + " where c.res_type = ? and c.res_id = ?"
                : "select " + READ_COLUMNS
                        + " from resource_version v where v.res_type = ? and v.res_id = ? and v.version_id = ?";
        Object[] params = versionId == null ? new Object[] {type, id} : new Object[] {type, id, versionId};
        return jdbc.sql(sql)
                .params(params)
                .query((rs, row) -> {
                    if (!rs.getBoolean(6)) {
                        return toResource(rs, row);
                    }
                    String json = rs.getString(5);
                    Resource partial = (Resource) parser().parseResource(TopLevelElements.keep(json, elements));
                    stamp(partial, rs.getInt(3), instant(rs, 4));
                    StoredJson.attach(partial, json, true);
                    return partial;
                })
                .optional();
    }

    /** Every version of the resource, newest first; empty when the resource is unknown. */
    public List<Resource> history(String type, String id) {
        return jdbc.sql("select " + READ_COLUMNS
                        + " from resource_version v where v.res_type = ? and v.res_id = ? order by v.version_id desc")
                .params(type, id)
                .query(this::toResource)
                .list();
    }

    /** The versions of the resource, newest first, without their content. */
    public List<VersionRef> versions(String type, String id) {
        return jdbc.sql("select res_type, res_id, version_id from resource_version"
                        + " where res_type = ? and res_id = ? order by version_id desc")
                .params(type, id)
                .query(ResourceRepository::toVersionRef)
                .list();
    }

    /** The current versions matching the query, in the query's order, at most {@code query.limit()}. */
    public List<VersionRef> search(SearchQuery query) {
        SearchSql search = new SearchSql(query);
        return jdbc.sql(search.sql)
                .params(search.params)
                .query(ResourceRepository::toVersionRef)
                .list();
    }

    /** The given versions in the given order; versions that do not exist are left out. */
    public List<Resource> readVersions(List<VersionRef> refs) {
        if (refs.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + READ_COLUMNS + " from unnest(?::text[], ?::text[], ?::int[])"
                        + " with ordinality as k(res_type, res_id, version_id, ord)"
                        + " join resource_version v on v.res_type = k.res_type and v.res_id = k.res_id"
                        + " and v.version_id = k.version_id order by k.ord")
                .params(
                        refs.stream().map(VersionRef::type).toArray(String[]::new),
                        refs.stream().map(VersionRef::id).toArray(String[]::new),
                        refs.stream().map(VersionRef::version).toArray(Integer[]::new))
                .query(this::toResource)
                .list();
    }

    /** The current versions of the referenced resources ({@code Type/id}), in the given order; unknown ones left out. */
    public List<Resource> readCurrent(Collection<String> references) {
        return currentOf(references, this::toResource);
    }

    /** A stored version as its JSON, unparsed: for whoever sends it on without needing its model. */
    public record StoredVersionJson(String type, String id, int version, String json) {}

    /** As {@link #readCurrent(Collection)}, as stored JSON. */
    public List<StoredVersionJson> readCurrentJson(Collection<String> references) {
        return currentOf(
                references,
                (rs, row) -> new StoredVersionJson(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(5)));
    }

    private <T> List<T> currentOf(Collection<String> references, RowMapper<T> rows) {
        if (references.isEmpty()) {
            return List.of();
        }
        List<IdType> ids = references.stream().map(IdType::new).toList();
        return jdbc.sql("select " + READ_COLUMNS + " from unnest(?::text[], ?::text[])"
                        + " with ordinality as k(res_type, res_id, ord)"
                        + " join resource_current c on c.res_type = k.res_type and c.res_id = k.res_id"
                        + " join resource_version v on v.res_type = c.res_type and v.res_id = c.res_id"
                        + " and v.version_id = c.version_id order by k.ord")
                .params(
                        ids.stream().map(IdType::getResourceType).toArray(String[]::new),
                        ids.stream().map(IdType::getIdPart).toArray(String[]::new))
                .query(rows)
                .list();
    }

    /** Current resources of {@code type} that reference any of the targets ({@code Type/id}), oldest first. */
    public List<Resource> findReferencing(String type, Collection<String> targets) {
        if (targets.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + READ_COLUMNS + " from resource_current c join resource_version v"
                        + " on v.res_type = c.res_type and v.res_id = c.res_id and v.version_id = c.version_id"
                        + " where c.res_type = ? and c.refs && ?::text[] order by c.last_updated, c.res_id")
                .params(type, targets.toArray(String[]::new))
                .query(this::toResource)
                .list();
    }

    private Pending prepare(Resource resource) {
        String type = resource.fhirType();
        String id = resource.getIdElement().getIdPart();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("cannot store a " + type + " without an id");
        }
        resource.setIdElement(new IdType(type, id));
        resource.getMeta().setVersionId(null);
        resource.getMeta().setLastUpdatedElement(null);
        String json = parser().encodeResourceToString(resource);
        return new Pending(resource, type, id, json, sha256(json), columns.extract(resource), 0);
    }

    private void lock(List<Pending> pending) {
        String[] keys = pending.stream().map(Pending::key).sorted().toArray(String[]::new);
        for (int i = 1; i < keys.length; i++) {
            if (keys[i].equals(keys[i - 1])) {
                throw new IllegalArgumentException("the batch holds " + keys[i] + " twice");
            }
        }
        RowCallbackHandler ignore = rs -> {};
        jdbc.sql("select pg_advisory_xact_lock(" + RESOURCE_LOCK_SPACE + ", hashtext(k))"
                        + " from unnest(?::text[]) with ordinality as u(k, ord) order by ord")
                .param(keys)
                .query(ignore);
    }

    private Map<String, Head> readHeads(List<Pending> pending) {
        Map<String, Head> heads = new HashMap<>();
        jdbc.sql("select c.res_type, c.res_id, c.version_id, c.last_updated, c.content_hash"
                        + " from unnest(?::text[], ?::text[]) as k(res_type, res_id)"
                        + " join resource_current c on c.res_type = k.res_type and c.res_id = k.res_id")
                .params(
                        pending.stream().map(Pending::type).toArray(String[]::new),
                        pending.stream().map(Pending::id).toArray(String[]::new))
                .query(rs -> {
                    heads.put(
                            rs.getString(1) + "/" + rs.getString(2),
                            new Head(rs.getInt(3), instant(rs, 4), rs.getString(5)));
                });
        return heads;
    }

    private void write(List<Pending> changed, Instant now) {
        OffsetDateTime lastUpdated = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        jdbc.sql("with input as (select * from unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[],"
                        + " ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::text[],"
                        + " ?::text[], ?::text[]) as x(res_type, res_id, version_id, content, content_hash, subject,"
                        + " status, categories, identifiers, date_start, date_end, refs, url, version)),"
                        + " versions as (insert into resource_version (res_type, res_id, version_id, last_updated,"
                        + " json) select res_type, res_id, version_id, ?, content from input)"
                        + " insert into resource_current (res_type, res_id, version_id, last_updated, content_hash,"
                        + " subject, status, categories, identifiers, date_start, date_end, refs, url, version)"
                        + " select res_type, res_id, version_id, ?, content_hash, subject, status,"
                        + " string_to_array(categories, E'\\x1f'), string_to_array(identifiers, E'\\x1f'),"
                        + " date_start, date_end, string_to_array(refs, E'\\x1f'), url, version from input"
                        + " on conflict (res_type, res_id) do update set version_id = excluded.version_id,"
                        + " last_updated = excluded.last_updated, content_hash = excluded.content_hash,"
                        + " subject = excluded.subject, status = excluded.status, categories = excluded.categories,"
                        + " identifiers = excluded.identifiers, date_start = excluded.date_start,"
                        + " date_end = excluded.date_end, refs = excluded.refs, url = excluded.url,"
                        + " version = excluded.version")
                .params(
                        column(changed, Pending::type),
                        column(changed, Pending::id),
                        changed.stream().map(Pending::version).toArray(Integer[]::new),
                        column(changed, Pending::json),
                        column(changed, Pending::contentHash),
                        column(changed, p -> p.values().subject()),
                        column(changed, p -> p.values().status()),
                        column(changed, p -> String.join(SEPARATOR, p.values().categories())),
                        column(changed, p -> String.join(SEPARATOR, p.values().identifiers())),
                        column(changed, p -> timestamp(p.values().dateStart())),
                        column(changed, p -> timestamp(p.values().dateEnd())),
                        column(changed, p -> String.join(SEPARATOR, p.values().refs())),
                        column(changed, p -> p.values().url()),
                        column(changed, p -> p.values().version()),
                        lastUpdated,
                        lastUpdated)
                .update();
    }

    private Resource toResource(ResultSet rs, int row) throws SQLException {
        String json = rs.getString(5);
        Resource resource = (Resource) parser().parseResource(json);
        stamp(resource, rs.getInt(3), instant(rs, 4));
        if (rs.getBoolean(6)) {
            StoredJson.attach(resource, json);
        }
        return resource;
    }

    /** The JSON to store for a stamped resource: the hashed JSON with its version added, or encoded anew. */
    private String versionedJson(Pending pending) {
        Resource resource = pending.resource();
        return VersionedJson.stamp(
                        pending.json(),
                        pending.type(),
                        pending.id(),
                        resource.getMeta().getVersionId(),
                        resource.getMeta().getLastUpdatedElement().getValueAsString())
                .orElseGet(() -> parser().encodeResourceToString(resource));
    }

    private static VersionRef toVersionRef(ResultSet rs, int row) throws SQLException {
        return new VersionRef(rs.getString(1), rs.getString(2), rs.getInt(3));
    }

    private static void stamp(Resource resource, int version, Instant lastUpdated) {
        String type = resource.fhirType();
        resource.setIdElement(new IdType(type, resource.getIdElement().getIdPart(), String.valueOf(version)));
        resource.getMeta().setVersionId(String.valueOf(version));
        resource.getMeta().setLastUpdated(Date.from(lastUpdated));
    }

    private IParser parser() {
        return fhirContext.newJsonParser().setPrettyPrint(false);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static String timestamp(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String[] column(List<Pending> rows, java.util.function.Function<Pending, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    private static String sha256(String json) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private record Head(int versionId, Instant lastUpdated, String contentHash) {}

    private record Pending(
            Resource resource,
            String type,
            String id,
            String json,
            String contentHash,
            SearchValues values,
            int version) {

        String key() {
            return type + "/" + id;
        }

        Pending withVersion(int newVersion) {
            return new Pending(resource, type, id, json, contentHash, values, newVersion);
        }

        Pending withJson(String newJson) {
            return new Pending(resource, type, id, newJson, contentHash, values, version);
        }
    }
}
