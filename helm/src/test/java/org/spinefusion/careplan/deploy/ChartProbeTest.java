package org.spinefusion.careplan.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinefusion.careplan.deploy.Yamls.at;
import static org.spinefusion.careplan.deploy.Yamls.listAt;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChartProbeTest {

    private static final ServiceConfiguration SERVICE = ServiceConfiguration.load();

    @ParameterizedTest
    @MethodSource("org.spinefusion.careplan.deploy.Chart#ciValuesFiles")
    void probesCheckLivenessAndReadinessOnTheApplicationPort(String valuesFile) {
        Map<String, Object> container = Chart.render(valuesFile).serviceContainer();

        assertProbe(container, "startupProbe", "/livez");
        assertProbe(container, "livenessProbe", "/livez");
        assertProbe(container, "readinessProbe", "/readyz");
    }

    @ParameterizedTest
    @MethodSource("org.spinefusion.careplan.deploy.Chart#ciValuesFiles")
    void containerPortsAreTheOnesTheServiceListensOn(String valuesFile) {
        Map<Object, Object> ports = listAt(Chart.render(valuesFile).serviceContainer(), "ports").stream()
                .collect(Collectors.toMap(p -> p.get("name"), p -> p.get("containerPort")));

        assertThat(ports)
                .containsEntry("http", SERVICE.serverPort())
                .containsEntry("management", SERVICE.managementPort())
                .hasSize(2);
    }

    /**
     * Kubernetes runs the readiness probe only after the start-up probe has passed, so the start-up probe's first
     * checks decide how soon a replica that is ready takes traffic (the service's target: ready within 5 s); its
     * patience must still cover Flyway migrating a large database at start-up.
     */
    @ParameterizedTest
    @MethodSource("org.spinefusion.careplan.deploy.Chart#ciValuesFiles")
    void aReadyReplicaIsFoundWithinSecondsAndMigrationsGetMinutes(String valuesFile) {
        Map<String, Object> container = Chart.render(valuesFile).serviceContainer();
        int delay = (Integer) at(container, "startupProbe", "initialDelaySeconds");
        int period = (Integer) at(container, "startupProbe", "periodSeconds");
        int failures = (Integer) at(container, "startupProbe", "failureThreshold");

        assertThat(delay).isLessThanOrEqualTo(2);
        assertThat(period).isEqualTo(1);
        assertThat(delay + period * failures).isGreaterThanOrEqualTo(180);
    }

    private static void assertProbe(Map<String, Object> container, String probe, String path) {
        assertThat(at(container, probe, "httpGet", "path")).as(probe).isEqualTo(path);
        assertThat(at(container, probe, "httpGet", "port")).as(probe).isEqualTo("http");
        assertThat((Integer) at(container, probe, "failureThreshold")).as(probe).isPositive();
    }
}
