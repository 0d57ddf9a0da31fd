package org.spinefusion.careplan.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinefusion.careplan.deploy.Manifests.stringMap;
import static org.spinefusion.careplan.deploy.Yamls.at;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChartSelectorTest {

    @ParameterizedTest
    @MethodSource("org.spinefusion.careplan.deploy.Chart#ciValuesFiles")
    void serviceSelectorMatchesPodLabels(String valuesFile) {
        Manifests manifests = Chart.render(valuesFile);

        assertSelects(manifests, at(manifests.single("Service"), "spec", "selector"));
        assertSelects(manifests, at(manifests.single("Deployment"), "spec", "selector", "matchLabels"));
    }

    @ParameterizedTest
    @MethodSource("org.spinefusion.careplan.deploy.Chart#ciValuesFiles")
    void disruptionBudgetAndNetworkPolicySelectThePods(String valuesFile) {
        Manifests manifests = Chart.render(valuesFile);

        for (String kind : new String[] {"PodDisruptionBudget", "NetworkPolicy"}) {
            for (Map<String, Object> object : manifests.ofKind(kind)) {
                String selectorField = kind.equals("NetworkPolicy") ? "podSelector" : "selector";
                assertSelects(manifests, at(object, "spec", selectorField, "matchLabels"));
            }
        }
    }

    private static void assertSelects(Manifests manifests, Object selector) {
        Map<String, String> labels = stringMap(selector);
        assertThat(labels).isNotEmpty();
        assertThat(manifests.podLabels()).containsAllEntriesOf(labels);
    }
}
