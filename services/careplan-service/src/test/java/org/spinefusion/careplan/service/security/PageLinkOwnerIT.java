package org.spinefusion.careplan.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.Fixtures;
import org.spinefusion.careplan.service.support.TestHttp;
import org.spinefusion.careplan.service.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A search's page links serve only the caller that made the search: a patient's token replaying a system search's
 * {@code next} link learns nothing, not even how many resources the search matched; the same caller with a fresh
 * token keeps paging.
 */
@CarePlanIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageLinkOwnerIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final String patient = Fixtures.unique("page-own");

    @LocalServerPort
    int port;

    @Autowired
    ResourceRepository repository;

    @BeforeAll
    void seed() {
        List<Resource> goals = new ArrayList<>();
        for (String owner : List.of(patient, Fixtures.unique("page-other"), Fixtures.unique("page-third"))) {
            goals.add(Fixtures.goal(Fixtures.unique("page-goal"), "Patient/" + owner, "2027-01-01"));
        }
        repository.saveAll(goals);
    }

    @Test
    void refusesAnotherCallersPageLinkWithoutItsTotal() throws Exception {
        String next = nextLink(new TestHttp(port).get("Goal?_count=1"));

        HttpResponse<String> replayed = page(next, TestTokens.patient(patient, "patient/*.rs"));

        assertThat(replayed.statusCode()).isBetween(400, 499);
        assertThat(replayed.body()).doesNotContain("\"total\"").doesNotContain("Goal/");
    }

    @Test
    void servesThePagesToTheSameCallerWithAFreshToken() throws Exception {
        String next = nextLink(new TestHttp(port).get("Goal?_count=1"));

        HttpResponse<String> second = page(next, TestTokens.system());

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(FHIR.newJsonParser()
                        .parseResource(Bundle.class, second.body())
                        .getEntry())
                .hasSize(1);
    }

    private static String nextLink(HttpResponse<String> first) {
        assertThat(first.statusCode()).isEqualTo(200);
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, first.body());
        assertThat(bundle.getLink(Bundle.LINK_NEXT)).isNotNull();
        return bundle.getLink(Bundle.LINK_NEXT).getUrl();
    }

    private HttpResponse<String> page(String url, String token) throws Exception {
        return new TestHttp(port)
                .send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/fhir+json")
                        .GET());
    }
}
