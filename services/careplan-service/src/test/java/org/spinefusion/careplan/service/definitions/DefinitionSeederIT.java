package org.spinefusion.careplan.service.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.storage.StoredResource;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.FhirClients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The context under test has already seeded once at start-up (careplan.definitions.seed-on-startup defaults to true). */
@CarePlanIntegrationTest
class DefinitionSeederIT {

    private static final String PATHWAY = "http://careplan.spinefusion.org/fhir/PlanDefinition/spinal-fusion-pathway";

    @LocalServerPort
    int port;

    @Autowired
    DefinitionSeeder seeder;

    @Test
    void seedingAgainWritesNothing() {
        List<StoredResource> stored = seeder.seed();

        assertThat(stored).isNotEmpty();
        assertThat(stored).noneMatch(StoredResource::written);
        assertThat(stored)
                .extracting(StoredResource::type)
                .contains("PlanDefinition", "ActivityDefinition", "Questionnaire")
                .allMatch(DefinitionSeeder.SEEDED_TYPES::contains);
    }

    @Test
    void servesThePathwayByCanonicalUrl() {
        Bundle found = FhirClients.client(port)
                .search()
                .byUrl("PlanDefinition?url=" + PATHWAY)
                .returnBundle(Bundle.class)
                .execute();

        assertThat(found.getEntry()).hasSize(1);
        assertThat(((PlanDefinition) found.getEntryFirstRep().getResource())
                        .getIdElement()
                        .getIdPart())
                .isEqualTo("spinal-fusion-pathway");
    }
}
