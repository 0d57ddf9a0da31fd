package org.spinefusion.careplan.ehr;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fresh PostgreSQL databases for the EHR and the service, made on the server of {@code CAREPLAN_TEST_JDBC_URL} (named
 * after its database, so runs on one server against different databases keep apart), or on an embedded PostgreSQL
 * when that is not set. Each is dropped and created again at the start of a run, so nothing from an earlier run
 * counts.
 */
final class AcceptanceDatabase {

    record Connection(String url, String user, String password) {}

    private AcceptanceDatabase() {}

    static synchronized Connection fresh(String suffix) {
        Connection admin = Server.ADMIN;
        String name = Server.PREFIX + "_" + suffix;
        try (java.sql.Connection connection =
                        DriverManager.getConnection(admin.url(), admin.user(), admin.password());
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + name, e);
        }
        return new Connection(admin.url().replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1"), admin.user(), admin.password());
    }

    private static final class Server {
        static final Connection ADMIN;
        static final String PREFIX;

        static {
            String url = System.getenv("CAREPLAN_TEST_JDBC_URL");
            if (url != null && !url.isBlank()) {
                ADMIN = new Connection(
                        url,
                        System.getenv().getOrDefault("CAREPLAN_TEST_DB_USER", "postgres"),
                        System.getenv().getOrDefault("CAREPLAN_TEST_DB_PASSWORD", ""));
                PREFIX = url.replaceFirst("^.*/([^/?]*)(\\?.*)?$", "$1").replaceAll("[^A-Za-z0-9_]", "_");
            } else {
                try {
                    EmbeddedPostgres postgres = EmbeddedPostgres.start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            postgres.close();
                        } catch (IOException ignored) {
                            // the JVM is exiting
                        }
                    }));
                    ADMIN = new Connection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
                    PREFIX = "acceptance";
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
