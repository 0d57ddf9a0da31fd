package org.spinefusion.careplan.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.FhirClients;
import org.springframework.boot.test.web.server.LocalServerPort;

@CarePlanIntegrationTest
class CapabilityStatementIT {

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
}
