package org.spinefusion.careplan.laptop;

import org.spinefusion.careplan.service.CarePlanServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The care plan service for a laptop: the very same application, plus an embedded PostgreSQL (Linux and macOS,
 * x86-64 and arm64) when no {@code spring.datasource.url} is set, with its data kept between runs. The production
 * jar and image never carry the PostgreSQL binaries; they always have a database server.
 */
public final class CarePlanLaptop {

    private CarePlanLaptop() {}

    public static void main(String[] args) {
        application().run(args);
    }

    static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(CarePlanServiceApplication.class, EmbeddedPostgresConfiguration.class)
                // Defaults a command line, the environment or application.yaml can override.
                .properties(
                        "careplan.embedded-postgres.data-dir=${CAREPLAN_EMBEDDED_POSTGRES_DATA_DIR:./data/postgres}",
                        "careplan.embedded-postgres.port=${CAREPLAN_EMBEDDED_POSTGRES_PORT:54329}");
    }
}
