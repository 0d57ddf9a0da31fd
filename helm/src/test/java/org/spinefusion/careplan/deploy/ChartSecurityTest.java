package org.spinefusion.careplan.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinefusion.careplan.deploy.Yamls.at;
import static org.spinefusion.careplan.deploy.Yamls.listAt;
import static org.spinefusion.careplan.deploy.Yamls.mapAt;
import static org.spinefusion.careplan.deploy.Yamls.scalarsAt;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChartSecurityTest {

    @ParameterizedTest
    @MethodSource("org.spinefusion.careplan.deploy.Chart#ciValuesFiles")
    void everyContainerRunsAsNonRootWithReadOnlyRootFilesystem(String valuesFile) {
        Map<String, Object> pod = Chart.render(valuesFile).podSpec();

        assertThat(at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat((Integer) at(pod, "securityContext", "runAsUser")).isPositive();
        assertThat(at(pod, "securityContext", "seccompProfile", "type")).isEqualTo("RuntimeDefault");
        for (Map<String, Object> container : containers(pod)) {
            Map<String, Object> context = mapAt(container, "securityContext");
            assertThat(context)
                    .containsEntry("runAsNonRoot", true)
                    .containsEntry("readOnlyRootFilesystem", true)
                    .containsEntry("allowPrivilegeEscalation", false);
            assertThat(scalarsAt(context, "capabilities", "drop")).containsExactly("ALL");
        }
    }

    @ParameterizedTest
    @MethodSource("org.spinefusion.careplan.deploy.Chart#ciValuesFiles")
    void podsGetNoKubernetesApiToken(String valuesFile) {
        Manifests manifests = Chart.render(valuesFile);

        assertThat(manifests.single("ServiceAccount")).containsEntry("automountServiceAccountToken", false);
        assertThat(manifests.podSpec())
                .containsEntry("automountServiceAccountToken", false)
                .containsEntry("serviceAccountName", at(manifests.single("ServiceAccount"), "metadata", "name"));
    }

    @ParameterizedTest
    @MethodSource("org.spinefusion.careplan.deploy.Chart#ciValuesFiles")
    void onlyTmpIsWritable(String valuesFile) {
        Map<String, Object> pod = Chart.render(valuesFile).podSpec();
        Map<String, Object> tmpVolume = listAt(pod, "volumes").stream()
                .filter(v -> "tmp".equals(v.get("name")))
                .findFirst()
                .orElseThrow();

        assertThat(tmpVolume).containsKey("emptyDir");
        for (Map<String, Object> mount : listAt(containers(pod).get(0), "volumeMounts")) {
            boolean writable = !Boolean.TRUE.equals(mount.get("readOnly"));
            assertThat(writable)
                    .as("mount %s writable", mount.get("mountPath"))
                    .isEqualTo("/tmp".equals(mount.get("mountPath")));
        }
    }

    @ParameterizedTest
    @MethodSource("org.spinefusion.careplan.deploy.Chart#ciValuesFiles")
    void everyContainerHasResourceRequestsAndAMemoryLimit(String valuesFile) {
        for (Map<String, Object> container : containers(Chart.render(valuesFile).podSpec())) {
            assertThat(mapAt(container, "resources", "requests")).containsKeys("cpu", "memory");
            assertThat(mapAt(container, "resources", "limits")).containsKey("memory");
        }
    }

    @Test
    void helmTestPodReusesTheHardenedSecurityContexts() throws IOException {
        // helm-java renders the release manifest without hooks, so the test pod is checked at its source.
        String testPod = Files.readString(RepositoryFiles.CHART.resolve("templates/tests/test-endpoints.yaml"));

        assertThat(testPod)
                .contains("toYaml .Values.podSecurityContext")
                .contains("toYaml .Values.containerSecurityContext")
                .contains("automountServiceAccountToken: false");
    }

    private static List<Map<String, Object>> containers(Map<String, Object> pod) {
        List<Map<String, Object>> containers = listAt(pod, "containers");
        assertThat(containers).isNotEmpty();
        assertThat(pod.get("initContainers"))
                .as("init containers would need the same hardening")
                .isNull();
        return containers;
    }
}
