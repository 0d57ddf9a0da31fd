package org.spinefusion.careplan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No Docker engine runs in the build, so the Dockerfile is checked by reading it. */
class DockerfileTest {

    @Test
    void finalStageRunsAsANumericNonRootUser() throws IOException {
        List<String> finalStage = finalStage();
        String user = finalStage.stream()
                .filter(line -> line.startsWith("USER "))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no USER in the final stage"))
                .substring("USER ".length());

        assertThat(user).matches("[0-9]+(:[0-9]+)?");
        assertThat(Integer.parseInt(user.split(":")[0])).isPositive();
    }

    @Test
    void buildsTheServiceWithTheMavenWrapperAndRunsItsJar() throws IOException {
        String dockerfile = Files.readString(RepositoryFiles.DOCKERFILE);

        assertThat(dockerfile).contains("./mvnw -B -DskipTests").contains("-pl services/careplan-service -am package");
        assertThat(finalStage())
                .anyMatch(line -> line.startsWith("COPY --from=build")
                        && line.contains("services/careplan-service/target/careplan-service.jar"))
                .anyMatch(line ->
                        line.startsWith("ENTRYPOINT") && line.contains("\"-jar\", \"/app/careplan-service.jar\""));
    }

    @Test
    void runsOnAJava17RuntimeImage() throws IOException {
        assertThat(finalStage().get(0)).isEqualTo("FROM eclipse-temurin:17-jre");
    }

    private static List<String> finalStage() throws IOException {
        List<String> lines = Files.readAllLines(RepositoryFiles.DOCKERFILE);
        int lastFrom = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                lastFrom = i;
            }
        }
        return lines.subList(lastFrom, lines.size());
    }
}
