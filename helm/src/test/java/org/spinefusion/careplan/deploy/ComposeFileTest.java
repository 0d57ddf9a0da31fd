package org.spinefusion.careplan.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinefusion.careplan.deploy.Yamls.at;
import static org.spinefusion.careplan.deploy.Yamls.mapAt;
import static org.spinefusion.careplan.deploy.Yamls.scalarsAt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No Docker engine runs in the build, so the compose file is checked by reading it. */
class ComposeFileTest {

    private static final Map<String, Object> COMPOSE = Yamls.load(RepositoryFiles.COMPOSE);
    private static final ServiceConfiguration SERVICE = ServiceConfiguration.load();

    @Test
    void declaresTheDatabaseTheOauthServerTheEhrAndTheService() {
        assertThat(mapAt(COMPOSE, "services")).containsOnlyKeys("postgres", "keycloak", "ehr", "careplan");
        assertThat(at(COMPOSE, "services", "postgres", "image")).isEqualTo("postgres:16-alpine");
        assertThat(at(COMPOSE, "services", "ehr", "image")).isEqualTo("hapiproject/hapi:v8.8.0-1");
    }

    @Test
    void keycloakIsTheTestedVersionWithThePatientContextScriptMapper() throws Exception {
        Path context = RepositoryFiles.ROOT.resolve((String) at(COMPOSE, "services", "keycloak", "build", "context"));

        assertThat(Files.readString(context.resolve("Dockerfile"))).contains("FROM quay.io/keycloak/keycloak:26.5.6");
        assertThat(context.resolve("patient-context/META-INF/keycloak-scripts.json"))
                .exists();
        assertThat(mapAt(COMPOSE, "services", "keycloak", "environment")).containsEntry("KC_FEATURES", "scripts");
    }

    @Test
    void theEhrKeepsHapisDefaultReferentialIntegrity() {
        assertThat(mapAt(COMPOSE, "services", "ehr", "environment"))
                .doesNotContainKeys(
                        "hapi.fhir.enforce_referential_integrity_on_write",
                        "hapi.fhir.enforce_referential_integrity_on_delete");
    }

    @Test
    void composeServiceEnvironmentNamesExistInServiceConfiguration() {
        Map<String, Object> environment = careplan("environment");

        assertThat(environment).containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_PASSWORD");
        assertThat(environment.keySet()).allSatisfy(name -> assertThat(SERVICE.readsEnvironmentVariable(name))
                .as("%s is read by the service", name)
                .isTrue());
    }

    @Test
    void serviceUsesTheComposeDatabaseWithItsCredentials() {
        Map<String, Object> environment = careplan("environment");
        Map<String, Object> postgres = mapAt(COMPOSE, "services", "postgres", "environment");

        assertThat(environment)
                .containsEntry(
                        "SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"))
                .containsEntry("SPRING_DATASOURCE_USERNAME", postgres.get("POSTGRES_USER"))
                .containsEntry("SPRING_DATASOURCE_PASSWORD", postgres.get("POSTGRES_PASSWORD"));
    }

    @Test
    void servicePublishesTheApplicationAndManagementPorts() {
        assertThat(scalarsAt(mapAt(COMPOSE, "services", "careplan"), "ports"))
                .containsExactlyInAnyOrder(
                        SERVICE.serverPort() + ":" + SERVICE.serverPort(),
                        SERVICE.managementPort() + ":" + SERVICE.managementPort());
    }

    @Test
    void serviceWaitsForAHealthyDatabase() {
        assertThat(at(COMPOSE, "services", "postgres", "healthcheck", "test").toString())
                .contains("pg_isready");
        assertThat(at(COMPOSE, "services", "careplan", "depends_on", "postgres", "condition"))
                .isEqualTo("service_healthy");
    }

    @Test
    void serviceIsBuiltFromTheRepositoryAndRunsHardened() {
        assertThat(careplan("build")).containsEntry("context", ".").containsEntry("dockerfile", "Dockerfile");
        assertThat(Files.exists(RepositoryFiles.DOCKERFILE)).isTrue();
        assertThat(mapAt(COMPOSE, "services", "careplan"))
                .containsEntry("user", "65532:65532")
                .containsEntry("read_only", true);
        assertThat(scalarsAt(mapAt(COMPOSE, "services", "careplan"), "cap_drop"))
                .containsExactly("ALL");
        assertThat(scalarsAt(mapAt(COMPOSE, "services", "careplan"), "tmpfs"))
                .singleElement()
                .asString()
                .startsWith("/tmp");
    }

    @Test
    void serviceHealthcheckUsesTheReadinessEndpoint() {
        assertThat(at(COMPOSE, "services", "careplan", "healthcheck", "test").toString())
                .contains("http://localhost:" + SERVICE.serverPort() + "/readyz");
    }

    @Test
    void mountedFilesExistInTheRepository() {
        for (String service : mapAt(COMPOSE, "services").keySet()) {
            Object volumes = mapAt(COMPOSE, "services", service).get("volumes");
            if (volumes == null) {
                continue;
            }
            for (Object volume : (Iterable<?>) volumes) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(RepositoryFiles.ROOT.resolve(source)).as(service).exists();
                }
            }
        }
    }

    private static Map<String, Object> careplan(String key) {
        return mapAt(COMPOSE, "services", "careplan", key);
    }
}
