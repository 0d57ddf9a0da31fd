package org.spinefusion.careplan.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfilesTest {

    private static final Map<String, String> PROFILES = Map.of(
            "spinal-fusion-surgery-request", "ServiceRequest",
            "spinal-fusion-careplan", "CarePlan",
            "spinal-fusion-goal", "Goal",
            "spinal-fusion-questionnaire", "Questionnaire",
            "spinal-fusion-education-communication", "Communication",
            "spinal-fusion-escalation-communication", "Communication");

    private static final Map<String, String> EXTENSIONS = Map.of(
            "fusion-levels", "ServiceRequest",
            "activity-identifier", "CarePlan.activity",
            "planned-send-time", "Communication",
            "item-applicability", "Questionnaire.item",
            "escalation-rule", "Communication",
            "escalation-policy", "PlanDefinition");

    private final FhirPackage pkg = FhirPackage.load();

    @Test
    void profilesAreDifferentialOnlyConstraintsOnTheirBaseResource() {
        PROFILES.forEach((id, type) -> {
            JsonNode sd = pkg.resource("StructureDefinition", id);
            assertThat(sd).as(id).isNotNull();
            assertThat(sd.path("type").asText()).isEqualTo(type);
            assertThat(sd.path("kind").asText()).isEqualTo("resource");
            assertThat(sd.path("derivation").asText()).isEqualTo("constraint");
            assertThat(sd.path("baseDefinition").asText()).isEqualTo("http://hl7.org/fhir/StructureDefinition/" + type);
            assertThat(sd.path("fhirVersion").asText()).isEqualTo("4.0.1");
            assertThat(sd.has("snapshot")).isFalse();
            sd.path("differential")
                    .path("element")
                    .forEach(e -> assertThat(e.path("path").asText()).as(id).startsWith(type));
        });
    }

    @Test
    void extensionsAreComplexTypesWithAContextAndOneValue() {
        EXTENSIONS.forEach((id, context) -> {
            JsonNode sd = pkg.resource("StructureDefinition", id);
            assertThat(sd).as(id).isNotNull();
            assertThat(sd.path("kind").asText()).isEqualTo("complex-type");
            assertThat(sd.path("type").asText()).isEqualTo("Extension");
            assertThat(sd.path("derivation").asText()).isEqualTo("constraint");
            assertThat(sd.path("context").path(0).path("expression").asText()).isEqualTo(context);
            assertThat(sd.path("differential").toString())
                    .contains("\"fixedUri\":\"" + sd.path("url").asText());
        });
    }

    @Test
    void theSurgeryRequestBindsCodeRegionAndDetailsRequired() {
        JsonNode sd = pkg.resource("StructureDefinition", "spinal-fusion-surgery-request");
        Map<String, String> bindings = Map.of(
                "ServiceRequest.code", "spinal-fusion-procedure",
                "ServiceRequest.bodySite", "spinal-region",
                "ServiceRequest.orderDetail", "episode-detail");
        bindings.forEach((path, valueSet) -> {
            JsonNode element = element(sd, path);
            assertThat(element.path("binding").path("strength").asText()).isEqualTo("required");
            assertThat(element.path("binding").path("valueSet").asText())
                    .isEqualTo(FhirPackage.BASE + "/ValueSet/" + valueSet);
        });
        assertThat(element(sd, "ServiceRequest.occurrence[x]").path("type").toString())
                .isEqualTo("[{\"code\":\"dateTime\"}]");
    }

    private static JsonNode element(JsonNode sd, String id) {
        for (JsonNode e : sd.path("differential").path("element")) {
            if (e.path("id").asText().equals(id)) {
                return e;
            }
        }
        throw new AssertionError("no element " + id);
    }
}
