package org.spinefusion.careplan.service.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Chooses the PostgreSQL for tests, in this order: {@code CAREPLAN_TEST_JDBC_URL} (with {@code CAREPLAN_TEST_DB_USER}
 * and {@code CAREPLAN_TEST_DB_PASSWORD}), a Testcontainers PostgreSQL when Docker is available, or an embedded
 * PostgreSQL in a temporary directory. Each is started at most once per JVM. The properties are set before the
 * context is refreshed, so the service's own embedded-database fallback stays off.
 */
public final class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String URL_ENV = "CAREPLAN_TEST_JDBC_URL";

    /** JDBC URL, user and password of the test database. */
    public record Connection(String url, String username, String password) {}

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Connection connection = connection();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "careplanTestDatabase",
                        Map.of(
                                "spring.datasource.url", connection.url(),
                                "spring.datasource.username", connection.username(),
                                "spring.datasource.password", connection.password())));
    }

    public static Connection connection() {
        return Holder.CONNECTION;
    }

    private static final class Holder {
        static final Connection CONNECTION = choose();

        private static Connection choose() {
            String url = System.getenv(URL_ENV);
            if (url != null && !url.isBlank()) {
                return new Connection(
                        url,
                        System.getenv().getOrDefault("CAREPLAN_TEST_DB_USER", "postgres"),
                        System.getenv().getOrDefault("CAREPLAN_TEST_DB_PASSWORD", ""));
            }
            if (DockerClientFactory.instance().isDockerAvailable()) {
                PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
                container.start();
                return new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword());
            }
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres)));
                return new Connection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "No PostgreSQL for tests: set " + URL_ENV + ", start Docker, or allow the embedded one", e);
            }
        }

        private static void closeQuietly(EmbeddedPostgres postgres) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the JVM is exiting; the temporary data directory goes with it
            }
        }
    }
}
