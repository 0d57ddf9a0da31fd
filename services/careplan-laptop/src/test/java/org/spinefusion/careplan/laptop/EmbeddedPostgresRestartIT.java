package org.spinefusion.careplan.laptop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.springframework.context.ConfigurableApplicationContext;

/** The laptop's database: with no datasource configured, the service runs on an embedded PostgreSQL that persists. */
class EmbeddedPostgresRestartIT {

    @TempDir
    Path dataDir;

    @Test
    void keepsDataAcrossRestartsOnTheSameDataDirectory() throws IOException {
        int port = freePort();
        String id = "cp-" + UUID.randomUUID();

        try (ConfigurableApplicationContext first = start(port)) {
            first.getBean(ResourceRepository.class).saveAll(List.of(carePlan(id)));
        }
        assertThat(dataDir.resolve("PG_VERSION")).exists();

        try (ConfigurableApplicationContext second = start(port)) {
            assertThat(second.getBean(ResourceRepository.class).readCurrent("CarePlan", id))
                    .hasValueSatisfying(
                            plan -> assertThat(plan.getMeta().getVersionId()).isEqualTo("1"));
        }
    }

    private ConfigurableApplicationContext start(int port) {
        return CarePlanLaptop.application()
                .run(
                        "--careplan.embedded-postgres.data-dir=" + dataDir,
                        "--careplan.embedded-postgres.port=" + port,
                        "--careplan.definitions.seed-on-startup=false",
                        "--server.port=0",
                        "--management.server.port=0",
                        "--logging.structured.format.console=");
    }

    private static CarePlan carePlan(String id) {
        CarePlan plan = new CarePlan();
        plan.setId(id);
        plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.getSubject().setReference("Patient/restart");
        return plan;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
