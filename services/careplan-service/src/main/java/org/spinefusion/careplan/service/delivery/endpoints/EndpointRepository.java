package org.spinefusion.careplan.service.delivery.endpoints;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The registered endpoints in {@code delivery_endpoint}. */
@Repository
class EndpointRepository {

    private static final String COLUMNS = "id, base_url, auth, client_id, signing_algorithm, scope, patients,"
            + " organizations, rate_per_second, capabilities::text, capabilities_read, patient_identity";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    EndpointRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void save(EndpointSettings settings, Capabilities capabilities, Instant now) {
        jdbc.sql("insert into delivery_endpoint (id, base_url, auth, client_id, signing_algorithm, scope, patients,"
                        + " organizations, rate_per_second, capabilities, capabilities_read, updated, patient_identity)"
                        + " values (?, ?, ?, ?, ?, ?, ?::text[], ?::text[], ?, ?::jsonb, ?, ?, ?)"
                        + " on conflict (id) do update set base_url = excluded.base_url, auth = excluded.auth,"
                        + " client_id = excluded.client_id, signing_algorithm = excluded.signing_algorithm,"
                        + " scope = excluded.scope, patients = excluded.patients,"
                        + " organizations = excluded.organizations, rate_per_second = excluded.rate_per_second,"
                        + " patient_identity = excluded.patient_identity,"
                        + " capabilities = coalesce(excluded.capabilities, delivery_endpoint.capabilities),"
                        + " capabilities_read = coalesce(excluded.capabilities_read,"
                        + " delivery_endpoint.capabilities_read), updated = excluded.updated")
                .params(
                        settings.id(),
                        settings.baseUrl(),
                        settings.auth(),
                        settings.clientId(),
                        settings.signingAlgorithm(),
                        settings.scope(),
                        settings.patients().toArray(String[]::new),
                        settings.organizations().toArray(String[]::new),
                        settings.ratePerSecond(),
                        capabilities == null ? null : write(capabilities),
                        capabilities == null ? null : OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                        OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                        settings.patientIdentity())
                .update();
    }

    void saveCapabilities(String id, Capabilities capabilities, Instant now) {
        jdbc.sql("update delivery_endpoint set capabilities = ?::jsonb, capabilities_read = ? where id = ?")
                .params(write(capabilities), OffsetDateTime.ofInstant(now, ZoneOffset.UTC), id)
                .update();
    }

    List<Endpoint> all() {
        return jdbc.sql("select " + COLUMNS + " from delivery_endpoint order by id")
                .query(this::toEndpoint)
                .list();
    }

    Optional<Endpoint> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from delivery_endpoint where id = ?")
                .param(id)
                .query(this::toEndpoint)
                .optional();
    }

    private Endpoint toEndpoint(ResultSet rs, int row) throws SQLException {
        Double rate = rs.getObject(9) == null ? null : rs.getDouble(9);
        EndpointSettings settings = new EndpointSettings(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                strings(rs.getArray(7)),
                strings(rs.getArray(8)),
                rate,
                rs.getString(12));
        String capabilities = rs.getString(10);
        OffsetDateTime read = rs.getObject(11, OffsetDateTime.class);
        return new Endpoint(
                settings, capabilities == null ? null : read(capabilities), read == null ? null : read.toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private String write(Capabilities capabilities) {
        try {
            return json.writeValueAsString(capabilities);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("capabilities are plain data", e);
        }
    }

    private Capabilities read(String text) {
        try {
            return json.readValue(text, Capabilities.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored capabilities unreadable", e);
        }
    }
}
