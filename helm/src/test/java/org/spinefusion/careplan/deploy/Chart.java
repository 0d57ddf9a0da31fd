package org.spinefusion.careplan.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Renders the chart through helm-java (Helm's Go code, no helm binary) as a cluster would see it. */
final class Chart {

    static final String RELEASE = "careplan";
    static final String KUBE_VERSION = "1.30.0";

    private Chart() {}

    static Manifests render(String ciValuesFile, Map<String, String> overrides) {
        TemplateCommand command = new Helm(RepositoryFiles.CHART)
                .template()
                .withName(RELEASE)
                .withNamespace("careplan")
                .withKubeVersion(KUBE_VERSION)
                .withValuesFile(ciValues(ciValuesFile));
        overrides.forEach(command::set);
        return Manifests.parse(command.call());
    }

    static Manifests render(String ciValuesFile) {
        return render(ciValuesFile, Map.of());
    }

    static Manifests renderDefaults(Map<String, String> overrides) {
        return render("default-values.yaml", overrides);
    }

    static Path ciValues(String fileName) {
        return RepositoryFiles.CHART.resolve("ci").resolve(fileName);
    }

    /** Every scenario under ci/, by file name, for parameterized tests. */
    static List<String> ciValuesFiles() {
        try (Stream<Path> files = Files.list(RepositoryFiles.CHART.resolve("ci"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith("-values.yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
