package org.spinefusion.careplan.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinefusion.careplan.deploy.Yamls.listAt;
import static org.spinefusion.careplan.deploy.Yamls.mapAt;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChartEnvironmentTest {

    private static final ServiceConfiguration SERVICE = ServiceConfiguration.load();

    @ParameterizedTest
    @MethodSource("org.spinefusion.careplan.deploy.Chart#ciValuesFiles")
    void everyEnvironmentNameIsOneTheServiceReads(String valuesFile) {
        Manifests manifests = Chart.render(valuesFile);
        List<String> names =
                new ArrayList<>(mapAt(manifests.single("ConfigMap"), "data").keySet());
        listAt(manifests.serviceContainer(), "env").forEach(env -> names.add((String) env.get("name")));

        assertThat(names).contains("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_PASSWORD", "CAREPLAN_DB_POOL_SIZE");
        assertThat(names).allSatisfy(name -> assertThat(SERVICE.readsEnvironmentVariable(name))
                .as("%s is read by the service", name)
                .isTrue());
    }
}
