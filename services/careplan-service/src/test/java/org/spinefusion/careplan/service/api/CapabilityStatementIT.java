package org.spinefusion.careplan.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.FhirClients;
import org.spinefusion.careplan.service.support.TestHttp;
import org.springframework.boot.test.web.server.LocalServerPort;

@CarePlanIntegrationTest
class CapabilityStatementIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @LocalServerPort
    int port;

    @Test
    void describesResourcesSearchesAndOperations() {
        CapabilityStatement capabilities = FhirClients.client(port)
                .capabilities()
                .ofType(CapabilityStatement.class)
                .execute();

        assertThat(capabilities.getPublisher()).isEqualTo(FhirServerConfiguration.PUBLISHER);
        assertThat(capabilities.getRestFirstRep().getResource())
                .extracting(CapabilityStatementRestResourceComponent::getType)
                .contains(
                        "CarePlan",
                        "Goal",
                        "Questionnaire",
                        "Communication",
                        "Provenance",
                        "PlanDefinition",
                        "ActivityDefinition");
        CapabilityStatementRestResourceComponent carePlan = capabilities.getRestFirstRep().getResource().stream()
                .filter(resource -> resource.getType().equals("CarePlan"))
                .findFirst()
                .orElseThrow();
        assertThat(carePlan.getSearchParam())
                .extracting(p -> p.getName())
                .contains("subject", "patient", "status", "category", "identifier", "date", "_id", "_lastUpdated");
        assertThat(carePlan.getSearchInclude()).extracting(i -> i.getValue()).contains("CarePlan:goal");
        assertThat(capabilities.getRestFirstRep().getOperation())
                .extracting(operation -> operation.getName())
                .contains("test-echo");
        CapabilityStatementRestResourceComponent planDefinition = capabilities.getRestFirstRep().getResource().stream()
                .filter(resource -> resource.getType().equals("PlanDefinition"))
                .findFirst()
                .orElseThrow();
        assertThat(planDefinition.getOperation())
                .extracting(operation -> operation.getName())
                .contains("apply");
    }

    @Test
    void namesOurServiceAndItsProfilesAndLinksDefinitionsAnyoneCanRead() throws Exception {
        TestHttp anonymous = new TestHttp(port).withoutToken();
        CapabilityStatement capabilities = FHIR.newJsonParser()
                .parseResource(
                        CapabilityStatement.class, anonymous.get("metadata").body());

        assertThat(capabilities.getName()).isEqualTo(CapabilityStatementTruth.NAME);
        assertThat(capabilities.getSoftware().getName()).isEqualTo(FhirServerConfiguration.PUBLISHER);
        assertThat(capabilities.getSoftware().getVersion())
                .isNotEqualTo("8.8.1")
                .matches("\\d+\\.\\d+\\.\\d+.*");
        CapabilityStatementRestResourceComponent carePlan = resource(capabilities, "CarePlan");
        assertThat(carePlan.getSupportedProfile())
                .extracting(CanonicalType::getValue)
                .containsExactly(Canonicals.PROFILE_CAREPLAN);
        List<String> profiles = capabilities.getRestFirstRep().getResource().stream()
                .flatMap(resource -> resource.getSupportedProfile().stream())
                .map(CanonicalType::getValue)
                .toList();
        assertThat(profiles).contains(Canonicals.PROFILE_GOAL, Canonicals.PROFILE_QUESTIONNAIRE);
        for (String profile : profiles) {
            HttpResponse<String> found = anonymous.get("StructureDefinition?url=" + encode(profile));
            assertThat(found.statusCode()).as(profile).isEqualTo(200);
            assertThat(FHIR.newJsonParser()
                            .parseResource(Bundle.class, found.body())
                            .getEntry())
                    .as(profile)
                    .hasSize(1);
        }

        List<String> definitions = new ArrayList<>();
        capabilities.getRestFirstRep().getOperation().forEach(o -> definitions.add(o.getDefinition()));
        capabilities.getRestFirstRep().getResource().forEach(resource -> resource.getOperation()
                .forEach(o -> definitions.add(o.getDefinition())));
        assertThat(definitions).hasSizeGreaterThan(3);
        for (String definition : definitions) {
            String path = definition.substring(definition.indexOf("/fhir/") + "/fhir/".length());
            HttpResponse<String> read = anonymous.get(path);
            assertThat(read.statusCode()).as(definition).isEqualTo(200);
            assertThat(FHIR.newJsonParser()
                            .parseResource(OperationDefinition.class, read.body())
                            .getCode())
                    .isNotBlank();
        }
        String apply = resource(capabilities, "PlanDefinition").getOperation().stream()
                .filter(o -> o.getName().equals("apply"))
                .findFirst()
                .orElseThrow()
                .getDefinition();
        OperationDefinition applyDefinition = FHIR.newJsonParser()
                .parseResource(
                        OperationDefinition.class,
                        anonymous
                                .get(apply.substring(apply.indexOf("/fhir/") + 6))
                                .body());
        assertThat(applyDefinition.getParameter())
                .filteredOn(p -> p.getUse() == OperationDefinition.OperationParameterUse.OUT)
                .extracting(p -> p.getName() + ":" + p.getType())
                .containsExactly("return:CarePlan");
    }

    private static CapabilityStatementRestResourceComponent resource(CapabilityStatement capabilities, String type) {
        return capabilities.getRestFirstRep().getResource().stream()
                .filter(resource -> resource.getType().equals(type))
                .findFirst()
                .orElseThrow();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
