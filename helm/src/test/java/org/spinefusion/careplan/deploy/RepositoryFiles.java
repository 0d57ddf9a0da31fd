package org.spinefusion.careplan.deploy;

import java.nio.file.Path;

/** Where the deployment files live, seen from this module's directory (Surefire's working directory). */
final class RepositoryFiles {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path CHART = ROOT.resolve("helm/careplan");
    static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    static final Path DOCKERFILE = ROOT.resolve("Dockerfile");
    static final Path SERVICE_CONFIGURATION =
            ROOT.resolve("services/careplan-service/src/main/resources/application.yaml");

    private RepositoryFiles() {}
}
