package org.spinefusion.careplan.service.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinefusion.careplan.service.support.Fixtures.carePlan;
import static org.spinefusion.careplan.service.support.Fixtures.unique;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinefusion.careplan.service.CarePlanServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The default database: with no datasource configured, the service runs on an embedded PostgreSQL that persists. */
class EmbeddedPostgresRestartIT {

    @TempDir
    Path dataDir;

    @Test
    void keepsDataAcrossRestartsOnTheSameDataDirectory() throws IOException {
        int port = freePort();
        String id = unique("cp");

        try (ConfigurableApplicationContext first = start(port)) {
            first.getBean(ResourceRepository.class).saveAll(List.of(carePlan(id, "Patient/restart")));
        }
        assertThat(dataDir.resolve("PG_VERSION")).exists();

        try (ConfigurableApplicationContext second = start(port)) {
            assertThat(second.getBean(ResourceRepository.class).readCurrent("CarePlan", id))
                    .hasValueSatisfying(
                            plan -> assertThat(plan.getMeta().getVersionId()).isEqualTo("1"));
        }
    }

    private ConfigurableApplicationContext start(int port) {
        return new SpringApplicationBuilder(CarePlanServiceApplication.class)
                .run(
                        "--careplan.embedded-postgres.data-dir=" + dataDir,
                        "--careplan.embedded-postgres.port=" + port,
                        "--careplan.definitions.seed-on-startup=false",
                        "--server.port=0",
                        "--management.server.port=0",
                        "--logging.structured.format.console=");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
