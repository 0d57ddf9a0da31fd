package org.spinefusion.careplan.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadmeTest {

    private final FhirPackage pkg = FhirPackage.load();

    @Test
    void thresholdTableListsEveryEscalationRule() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (String id : List.of("spinal-fusion-escalation", "spinal-fusion-timed-escalation")) {
            for (JsonNode rule : pkg.resource("PlanDefinition", id).path("action")) {
                assertThat(readme)
                        .as("README threshold table lists rule "
                                + rule.path("id").asText())
                        .contains("| `" + rule.path("id").asText() + "` | "
                                + rule.path("priority").asText() + " |");
            }
        }
    }
}
