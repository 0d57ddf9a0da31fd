package org.spinefusion.careplan.service.apply;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The episode table: one row per surgery episode, locked while the episode's plan is rewritten. */
@Repository
class EpisodeRepository {

    private static final String SELECT =
            "SELECT episode_key, patient_ref, fingerprint, careplan_id, communication_ids FROM episode ";

    private final JdbcClient jdbc;

    EpisodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises applies of the same episode across threads and replicas until the transaction ends. An advisory
     * lock works before the row exists, which a row lock cannot.
     */
    void lock(String episodeKey) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 7))")
                .param("key", episodeKey)
                .query()
                .singleRow();
    }

    Optional<EpisodeRecord> find(String episodeKey) {
        return jdbc.sql(SELECT + "WHERE episode_key = :key")
                .param("key", episodeKey)
                .query(EpisodeRepository::toRecord)
                .optional();
    }

    /** The episodes whose current plan is one of these CarePlans. */
    List<EpisodeRecord> findByCarePlans(Collection<String> carePlanIds) {
        if (carePlanIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + "WHERE careplan_id = any(:ids)")
                .param("ids", carePlanIds.toArray(String[]::new))
                .query(EpisodeRepository::toRecord)
                .list();
    }

    private static EpisodeRecord toRecord(ResultSet rs, int row) throws SQLException {
        return new EpisodeRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), List.of((String[])
                rs.getArray(5).getArray()));
    }

    void save(EpisodeRecord episode) {
        jdbc.sql(
                        """
                        INSERT INTO episode (episode_key, patient_ref, fingerprint, careplan_id, communication_ids, updated)
                        VALUES (:key, :patient, :fingerprint, :carePlan, :communications, now())
                        ON CONFLICT (episode_key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
                            careplan_id = EXCLUDED.careplan_id, communication_ids = EXCLUDED.communication_ids,
                            updated = now()""")
                .param("key", episode.episodeKey())
                .param("patient", episode.patientReference())
                .param("fingerprint", episode.fingerprint())
                .param("carePlan", episode.carePlanId())
                .param("communications", episode.communicationIds().toArray(String[]::new))
                .update();
    }
}
