package org.spinefusion.careplan.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spinefusion.careplan.service.support.Fixtures.carePlan;
import static org.spinefusion.careplan.service.support.Fixtures.unique;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.FhirClients;
import org.spinefusion.careplan.service.support.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@CarePlanIntegrationTest
class FhirReadIT {

    @LocalServerPort
    int port;

    @Autowired
    ResourceRepository repository;

    IGenericClient client;
    String id;

    @BeforeEach
    void twoVersions() {
        client = FhirClients.client(port);
        id = unique("cp");
        repository.saveAll(List.of(carePlan(id, "Patient/p1")));
        repository.saveAll(List.of(carePlan(id, "Patient/p1").setTitle("Revised plan")));
    }

    @Test
    void readsTheCurrentVersion() {
        CarePlan plan = client.read().resource(CarePlan.class).withId(id).execute();

        assertThat(plan.getTitle()).isEqualTo("Revised plan");
        assertThat(plan.getIdElement().getVersionIdPart()).isEqualTo("2");
        assertThat(plan.getMeta().getLastUpdated()).isNotNull();
    }

    @Test
    void keepsPreviousVersionForVread() {
        CarePlan first = client.vread(CarePlan.class, id, "1");

        assertThat(first.getTitle()).isEqualTo("Spinal fusion care plan");
        assertThat(first.getMeta().getVersionId()).isEqualTo("1");
    }

    @Test
    void listsHistoryNewestFirst() {
        Bundle history = client.history()
                .onInstance("CarePlan/" + id)
                .returnBundle(Bundle.class)
                .execute();

        assertThat(history.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        assertThat(history.getEntry())
                .extracting(entry -> ((CarePlan) entry.getResource()).getMeta().getVersionId())
                .containsExactly("2", "1");
    }

    @Test
    void sendsTheVersionAsETag() throws Exception {
        TestHttp http = new TestHttp(port);
        HttpResponse<String> response = http.send(http.fhir("CarePlan/" + id).setHeader("Accept", "*/*"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("W/\"2\"");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/fhir+json"));
        assertThat(response.body()).doesNotContain("\n  ");
    }

    @Test
    void answersUnknownIdWithNotFoundOutcome() {
        assertThatThrownBy(() -> client.read()
                        .resource(CarePlan.class)
                        .withId(unique("nope"))
                        .execute())
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getOperationOutcome()).isInstanceOf(OperationOutcome.class);
                    assertThat(((OperationOutcome) e.getOperationOutcome())
                                    .getIssueFirstRep()
                                    .getDiagnostics())
                            .contains("is not known");
                });
    }

    @Test
    void answersUnknownVersionWithNotFound() {
        assertThatThrownBy(() -> client.vread(CarePlan.class, id, "3")).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void answersHistoryOfUnknownIdWithNotFound() {
        assertThatThrownBy(() -> client.history()
                        .onInstance("CarePlan/" + unique("nope"))
                        .returnBundle(Bundle.class)
                        .execute())
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
