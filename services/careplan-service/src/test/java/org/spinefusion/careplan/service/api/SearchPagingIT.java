package org.spinefusion.careplan.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.spinefusion.careplan.service.support.Fixtures.carePlan;
import static org.spinefusion.careplan.service.support.Fixtures.unique;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.FhirClients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@CarePlanIntegrationTest
class SearchPagingIT {

    @LocalServerPort
    int port;

    @Autowired
    ResourceRepository repository;

    IGenericClient client;
    String patient;
    List<String> planIds;

    @BeforeEach
    void twentyFivePlans() {
        client = FhirClients.client(port);
        patient = "Patient/" + unique("paging");
        planIds = IntStream.range(0, 25)
                .mapToObj(i -> String.format("%s-%02d", unique("cp"), i))
                .toList();
        List<Resource> plans = new ArrayList<>();
        planIds.forEach(id -> plans.add(carePlan(id, patient)));
        repository.saveAll(plans);
    }

    @Test
    void pagesStayStableWhileWritesGoOn() {
        Bundle first = client.search()
                .byUrl("CarePlan?subject=" + patient + "&_count=10")
                .returnBundle(Bundle.class)
                .execute();
        List<String> firstIds = ids(first);

        repository.saveAll(List.of(carePlan(unique("cp-new"), patient)));
        repository.saveAll(List.of(carePlan(firstIds.get(0), patient).setTitle("moved to the end by this update")));
        Bundle second = client.loadPage().next(first).execute();

        repository.saveAll(List.of(carePlan(ids(second).get(0), patient).setTitle("updated while paging")));
        repository.saveAll(List.of(carePlan(unique("cp-new"), patient)));
        Bundle third = client.loadPage().next(second).execute();

        assertThat(first.getTotal()).isEqualTo(25);
        assertThat(List.of(
                        first.getEntry().size(),
                        second.getEntry().size(),
                        third.getEntry().size()))
                .containsExactly(10, 10, 5);
        List<String> all = new ArrayList<>(firstIds);
        all.addAll(ids(second));
        all.addAll(ids(third));
        assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(planIds);
        assertThat(third.getLink(Bundle.LINK_NEXT)).isNull();
        assertThat(second.getEntry())
                .extracting(entry -> ((CarePlan) entry.getResource()).getMeta().getVersionId())
                .containsOnly("1");
    }

    @Test
    void servesAPageOnlyForAKnownSearch() {
        Bundle first = client.search()
                .byUrl("CarePlan?subject=" + patient + "&_count=10")
                .returnBundle(Bundle.class)
                .execute();
        String next = first.getLink(Bundle.LINK_NEXT).getUrl();
        String forged = next.replaceAll("_getpages=[^&]+", "_getpages=00000000-0000-0000-0000-000000000000");

        assertThatThrownBy(() -> client.loadPage()
                        .byUrl(forged)
                        .andReturnBundle(Bundle.class)
                        .execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode())
                        .isEqualTo(410));
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(entry -> entry.getResource().getIdElement().getIdPart())
                .toList();
    }
}
