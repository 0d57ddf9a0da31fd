package org.spinefusion.careplan.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChartSchemaTest {

    @Test
    void rejectsMisspeltTopLevelKey() {
        assertThatThrownBy(() -> Chart.renderDefaults(Map.of("replicaCont", "3")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("replicaCont");
    }

    @Test
    void rejectsMisspeltNestedKey() {
        assertThatThrownBy(() -> Chart.renderDefaults(Map.of("image.tagg", "1.0.0")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tagg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "two"})
    void rejectsBadReplicaCount(String replicaCount) {
        assertThatThrownBy(() -> Chart.renderDefaults(Map.of("replicaCount", replicaCount)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/replicaCount");
    }

    @Test
    void rejectsWritableRootFilesystem() {
        assertThatThrownBy(
                        () -> Chart.renderDefaults(Map.of("containerSecurityContext.readOnlyRootFilesystem", "false")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("readOnlyRootFilesystem");
    }

    @Test
    void acceptsAValidReplicaCount() {
        Map<String, Object> deployment =
                Chart.renderDefaults(Map.of("replicaCount", "4")).single("Deployment");

        assertThat(Yamls.at(deployment, "spec", "replicas")).isEqualTo(4);
    }
}
