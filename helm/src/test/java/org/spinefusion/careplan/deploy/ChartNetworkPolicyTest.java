package org.spinefusion.careplan.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinefusion.careplan.deploy.Yamls.at;
import static org.spinefusion.careplan.deploy.Yamls.listAt;
import static org.spinefusion.careplan.deploy.Yamls.scalarsAt;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartNetworkPolicyTest {

    @Test
    void rendersNetworkPolicyByDefault() {
        Map<String, Object> policy = Chart.render("default-values.yaml").single("NetworkPolicy");

        assertThat(scalarsAt(policy, "spec", "policyTypes")).containsExactlyInAnyOrder("Ingress", "Egress");
        Map<String, Object> api = ingressRuleFor(policy, "http");
        assertThat(api).as("API open to any client by default").doesNotContainKey("from");
        Map<String, Object> metrics = ingressRuleFor(policy, "management");
        assertThat(at(listAt(metrics, "from").get(0), "namespaceSelector", "matchLabels"))
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
    }

    @Test
    void allowsOnlyDnsDatabaseAndHttpsEgressByDefault() {
        Map<String, Object> policy = Chart.render("default-values.yaml").single("NetworkPolicy");

        List<String> egress = listAt(policy, "spec", "egress").stream()
                .flatMap(rule -> listAt(rule, "ports").stream())
                .map(port -> port.get("port") + "/" + port.get("protocol"))
                .toList();
        assertThat(egress).containsExactlyInAnyOrder("53/UDP", "53/TCP", "5432/TCP", "443/TCP");
    }

    @Test
    void admitsOnlyLabelledClientsAndTheIngressControllerWhenExternalTrafficIsOff() {
        Map<String, Object> policy = Chart.render("ha-values.yaml").single("NetworkPolicy");

        List<Map<String, Object>> from = listAt(ingressRuleFor(policy, "http"), "from");
        assertThat(from)
                .extracting(peer -> peer.containsKey("podSelector")
                        ? at(peer, "podSelector", "matchLabels")
                        : at(peer, "namespaceSelector", "matchLabels"))
                .containsExactly(
                        Map.of("careplan-client", "true"), Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
    }

    @Test
    void limitsDatabaseEgressToTheConfiguredNetworks() {
        Map<String, Object> policy = Chart.render("external-secret-values.yaml").single("NetworkPolicy");

        Map<String, Object> databaseRule = listAt(policy, "spec", "egress").stream()
                .filter(rule -> listAt(rule, "ports").get(0).get("port").equals(5432))
                .findFirst()
                .orElseThrow();
        assertThat(at(listAt(databaseRule, "to").get(0), "ipBlock", "cidr")).isEqualTo("10.20.0.0/16");
    }

    @Test
    void omitsNetworkPolicyWhenDisabled() {
        assertThat(Chart.render("networkpolicy-off-values.yaml").has("NetworkPolicy"))
                .isFalse();
    }

    private static Map<String, Object> ingressRuleFor(Map<String, Object> policy, String portName) {
        return listAt(policy, "spec", "ingress").stream()
                .filter(rule -> listAt(rule, "ports").stream().anyMatch(p -> portName.equals(p.get("port"))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ingress rule for port " + portName));
    }
}
