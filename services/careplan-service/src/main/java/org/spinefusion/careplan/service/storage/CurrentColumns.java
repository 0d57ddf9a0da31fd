package org.spinefusion.careplan.service.storage;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads over the search columns of current versions that {@link SearchQuery} does not say: the latest by date, the
 * dates alone, one status, the resources whose period covers an instant. Storage's tables stay storage's: features
 * ask here instead of writing SQL against them, and get parsed resources from {@link ResourceRepository}.
 */
@Repository
public class CurrentColumns {

    private final JdbcClient jdbc;
    private final ResourceRepository resources;

    CurrentColumns(JdbcClient jdbc, ResourceRepository resources) {
        this.jdbc = jdbc;
        this.resources = resources;
    }

    /** The status column of the current version, when the resource exists. */
    public Optional<String> status(String type, String id) {
        return jdbc.sql("select status from resource_current where res_type = ? and res_id = ?")
                .params(type, id)
                .query(String.class)
                .optional();
    }

    /**
     * The subject's resource of this type that references {@code reference}, other than {@code excludedId}, with the
     * latest date not after {@code notAfter} (ties: the last updated).
     */
    public Optional<Resource> latestOnOrBefore(
            String type, String subject, String reference, String excludedId, Instant notAfter) {
        return jdbc.sql("select res_type, res_id, version_id from resource_current where res_type = ? and subject = ?"
                        + " and refs && array[?]::text[] and res_id <> ? and date_start <= ?"
                        + " order by date_start desc, last_updated desc limit 1")
                .params(type, subject, reference, excludedId, utc(notAfter))
                .query((rs, n) -> new VersionRef(rs.getString(1), rs.getString(2), rs.getInt(3)))
                .optional()
                .flatMap(ref -> resources.readVersions(List.of(ref)).stream().findFirst());
    }

    /** The dates of the subject's resources of this type that reference {@code reference}, from {@code from} on. */
    public List<Instant> datesFrom(String type, String subject, String reference, Instant from) {
        return jdbc.sql("select date_start from resource_current where res_type = ? and subject = ?"
                        + " and refs && array[?]::text[] and date_start >= ?")
                .params(type, subject, reference, utc(from))
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .list();
    }

    /** The current resources of this type with this status whose period (date column) covers {@code at}. */
    public List<Resource> covering(String type, String status, Instant at) {
        List<VersionRef> refs = jdbc.sql(
                        "select res_type, res_id, version_id from resource_current"
                                + " where res_type = ? and status = ? and date_start <= ? and (date_end is null or date_end > ?)")
                .params(type, status, utc(at), utc(at))
                .query((rs, n) -> new VersionRef(rs.getString(1), rs.getString(2), rs.getInt(3)))
                .list();
        return resources.readVersions(refs);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
