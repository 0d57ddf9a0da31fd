package org.spinefusion.careplan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChartLintTest {

    @Test
    void passesStrictLint() {
        LintResult result =
                new Helm(RepositoryFiles.CHART).lint().strict().quiet().call();

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.isFailed()).isFalse();
    }

    @Test
    void coversTheScenariosOperatorsRun() {
        assertThat(Chart.ciValuesFiles())
                .contains(
                        "default-values.yaml",
                        "ha-values.yaml",
                        "external-secret-values.yaml",
                        "servicemonitor-values.yaml",
                        "networkpolicy-off-values.yaml");
    }

    @ParameterizedTest
    @MethodSource("org.spinefusion.careplan.deploy.Chart#ciValuesFiles")
    void rendersEachCiScenarioWithTheWorkloadItNeeds(String valuesFile) {
        Manifests manifests = Chart.render(valuesFile);

        assertThat(manifests.objects())
                .extracting(o -> o.get("kind"))
                .contains("Deployment", "Service", "ConfigMap", "ServiceAccount");
    }
}
