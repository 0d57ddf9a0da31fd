package org.spinefusion.careplan.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinefusion.careplan.deploy.Manifests.stringMap;
import static org.spinefusion.careplan.deploy.Yamls.at;
import static org.spinefusion.careplan.deploy.Yamls.listAt;
import static org.spinefusion.careplan.deploy.Yamls.mapAt;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartScenarioTest {

    @Test
    void defaultsRunTwoReplicasWithADisruptionBudgetAndNoOptionalObjects() {
        Manifests manifests = Chart.render("default-values.yaml");

        assertThat(at(manifests.single("Deployment"), "spec", "replicas")).isEqualTo(2);
        assertThat(at(manifests.single("PodDisruptionBudget"), "spec", "maxUnavailable"))
                .isEqualTo(1);
        assertThat(manifests.has("HorizontalPodAutoscaler")).isFalse();
        assertThat(manifests.has("Ingress")).isFalse();
        assertThat(manifests.has("ServiceMonitor")).isFalse();
    }

    @Test
    void highAvailabilityLeavesTheReplicaCountToTheAutoscaler() {
        Manifests manifests = Chart.render("ha-values.yaml");
        Map<String, Object> hpa = manifests.single("HorizontalPodAutoscaler");

        assertThat(mapAt(manifests.single("Deployment"), "spec")).doesNotContainKey("replicas");
        assertThat(at(hpa, "spec", "scaleTargetRef", "name"))
                .isEqualTo(at(manifests.single("Deployment"), "metadata", "name"));
        assertThat(at(hpa, "spec", "minReplicas")).isEqualTo(3);
        assertThat(at(hpa, "spec", "maxReplicas")).isEqualTo(8);
        assertThat(manifests.has("PodDisruptionBudget")).isTrue();
    }

    @Test
    void ingressRoutesOnlyTheFhirApiOverTls() {
        Manifests manifests = Chart.render("ha-values.yaml");
        Map<String, Object> ingress = manifests.single("Ingress");
        Map<String, Object> path =
                listAt(listAt(ingress, "spec", "rules").get(0), "http", "paths").get(0);

        assertThat(path).containsEntry("path", "/fhir");
        assertThat(at(path, "backend", "service", "name"))
                .isEqualTo(at(manifests.single("Service"), "metadata", "name"));
        assertThat(at(path, "backend", "service", "port", "name")).isEqualTo("http");
        assertThat(listAt(ingress, "spec", "tls").get(0)).containsEntry("secretName", "careplan-tls");
    }

    @Test
    void readsTheDatabasePasswordFromTheReleaseSecretByDefault() {
        Manifests manifests = Chart.render("default-values.yaml");

        assertThat(mapAt(manifests.single("ConfigMap"), "data"))
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgresql:5432/careplan?sslmode=require")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "careplan");
        assertThat(secretRef(manifests, "SPRING_DATASOURCE_PASSWORD"))
                .isEqualTo(Map.of("name", "careplan-database", "key", "password"));
    }

    @Test
    void readsBothDatabaseCredentialsFromAnExistingSecret() {
        Manifests manifests = Chart.render("external-secret-values.yaml");

        assertThat(mapAt(manifests.single("ConfigMap"), "data"))
                .containsEntry(
                        "SPRING_DATASOURCE_URL",
                        "jdbc:postgresql://db.internal.example.org:5432/careplan?sslmode=verify-full")
                .doesNotContainKey("SPRING_DATASOURCE_USERNAME");
        assertThat(secretRef(manifests, "SPRING_DATASOURCE_USERNAME"))
                .isEqualTo(Map.of("name", "careplan-db-credentials", "key", "db-user"));
        assertThat(secretRef(manifests, "SPRING_DATASOURCE_PASSWORD"))
                .isEqualTo(Map.of("name", "careplan-db-credentials", "key", "db-password"));
    }

    @Test
    void mountsSigningKeysReadOnlyFromTheirSecret() {
        Manifests manifests = Chart.render("external-secret-values.yaml");

        assertThat(listAt(manifests.serviceContainer(), "volumeMounts"))
                .contains(Map.of("name", "signing-keys", "mountPath", "/etc/careplan/signing-keys", "readOnly", true));
        assertThat(listAt(manifests.podSpec(), "volumes"))
                .anySatisfy(
                        volume -> assertThat(at(volume, "secret", "secretName")).isEqualTo("careplan-signing-keys"));
    }

    @Test
    void serviceMonitorScrapesPrometheusOnTheManagementPortOfTheService() {
        Manifests manifests = Chart.render("servicemonitor-values.yaml");
        Map<String, Object> monitor = manifests.single("ServiceMonitor");
        Map<String, Object> endpoint = listAt(monitor, "spec", "endpoints").get(0);

        assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");
        assertThat(listAt(manifests.single("Service"), "spec", "ports"))
                .extracting(port -> port.get("name"))
                .contains("management");
        assertThat(stringMap(at(manifests.single("Service"), "metadata", "labels")))
                .containsAllEntriesOf(stringMap(at(monitor, "spec", "selector", "matchLabels")));
        assertThat(stringMap(at(monitor, "metadata", "labels"))).containsEntry("release", "kube-prometheus-stack");
    }

    @Test
    void rollsThePodsWhenTheConfigurationChanges() {
        Object before = at(Chart.renderDefaults(Map.of()).single("Deployment"), podAnnotation());
        Object after = at(Chart.renderDefaults(Map.of("config.dbPoolSize", "8")).single("Deployment"), podAnnotation());

        assertThat(after).isNotEqualTo(before);
    }

    private static String[] podAnnotation() {
        return new String[] {"spec", "template", "metadata", "annotations", "checksum/config"};
    }

    private static Object secretRef(Manifests manifests, String envName) {
        List<Map<String, Object>> env = listAt(manifests.serviceContainer(), "env");
        return env.stream()
                .filter(e -> envName.equals(e.get("name")))
                .map(e -> at(e, "valueFrom", "secretKeyRef"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no secret reference for " + envName));
    }
}
