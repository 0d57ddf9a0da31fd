package org.spinefusion.careplan.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spinefusion.careplan.service.support.Fixtures.carePlan;
import static org.spinefusion.careplan.service.support.Fixtures.unique;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.ComparableHeaders;
import org.spinefusion.careplan.service.support.TestHttp;
import org.spinefusion.careplan.service.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads send the JSON storage holds, byte for byte, with the headers HAPI gives the resource it encodes; a request
 * that asks for something else (_summary, _elements, _pretty) still gets HAPI's encoding.
 */
@CarePlanIntegrationTest
class StoredJsonReadIT {

    @LocalServerPort
    int port;

    @Autowired
    ResourceRepository repository;

    @Autowired
    JdbcClient jdbc;

    TestHttp http;
    String id;

    @BeforeEach
    void twoVersions() {
        http = new TestHttp(port);
        id = unique("cp");
        repository.saveAll(List.of(carePlan(id, "Patient/p1")));
        repository.saveAll(List.of(carePlan(id, "Patient/p1").setTitle("Revised plan")));
    }

    @Test
    void sendsTheStoredBytesOfTheCurrentVersion() throws Exception {
        HttpResponse<String> response = http.get("CarePlan/" + id);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(stored(id, 2));
        assertThat(response.body()).contains("\"versionId\":\"2\"", "Revised plan");
    }

    @Test
    void sendsTheStoredBytesOfAnOlderVersion() throws Exception {
        HttpResponse<String> response = http.get("CarePlan/" + id + "/_history/1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(stored(id, 1));
        assertThat(response.body()).contains("\"versionId\":\"1\"").doesNotContain("Revised plan");
    }

    @Test
    void storedBytesAndHeadersAreWhatHapiWritesForTheSameRead() throws Exception {
        for (String path : List.of("CarePlan/" + id, "CarePlan/" + id + "/_history/1")) {
            HttpResponse<String> stored = http.get(path);
            HttpResponse<String> encoded = http.get(path + "?_pretty=false");

            assertThat(stored.body()).as(path).isEqualTo(encoded.body());
            assertThat(ComparableHeaders.of(stored.headers()))
                    .as(path)
                    .isEqualTo(ComparableHeaders.of(encoded.headers()));
            assertThat(stored.headers().firstValue("ETag")).isPresent();
            assertThat(stored.headers().firstValue("Last-Modified")).isPresent();
            assertThat(stored.headers().firstValue("Content-Location"))
                    .hasValueSatisfying(location -> assertThat(location).contains("/CarePlan/" + id + "/_history/"));
            assertThat(stored.headers().firstValue("Content-Type")).hasValue("application/fhir+json;charset=UTF-8");
        }
    }

    @Test
    void gzipsTheStoredBytesWhenAskedTo() throws Exception {
        HttpResponse<byte[]> response =
                http.sendBytes(http.fhir("CarePlan/" + id).header("Accept-Encoding", "gzip"));

        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            assertThat(new String(unzipped.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(stored(id, 2));
        }
    }

    @Test
    void stillSummarisesAndSelectsElementsWhenAsked() throws Exception {
        CarePlan summary = parse(http.get("CarePlan/" + id + "?_summary=true").body());
        CarePlan elements =
                parse(http.get("CarePlan/" + id + "?_elements=title").body());
        String pretty = http.get("CarePlan/" + id + "?_pretty=true").body();

        assertThat(summary.getMeta().getTag()).extracting(t -> t.getCode()).contains("SUBSETTED");
        assertThat(summary.hasActivity()).isFalse();
        assertThat(elements.getTitle()).isEqualTo("Revised plan");
        assertThat(elements.hasSubject()).isFalse();
        assertThat(pretty).contains("\n  ");
        assertThat(parse(pretty).getTitle()).isEqualTo("Revised plan");
    }

    @Test
    void stillHidesAPlanFromAnotherPatientsToken() throws Exception {
        HttpResponse<String> response =
                http.withToken(TestTokens.patient("p2", "patient/CarePlan.rs")).get("CarePlan/" + id);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("Revised plan");
    }

    @Test
    void answersAMatchingIfNoneMatchWithNotModified() throws Exception {
        HttpResponse<String> response = http.send(http.fhir("CarePlan/" + id).header("If-None-Match", "W/\"2\""));

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void readsAVersionStoredBeforeItsJsonWasKept() throws Exception {
        String legacy = unique("cp");
        String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(carePlan(legacy, "Patient/p1"));
        jdbc.sql("insert into resource_version (res_type, res_id, version_id, last_updated, content)"
                        + " values ('CarePlan', ?, 1, now(), ?::jsonb)")
                .params(legacy, json)
                .update();
        jdbc.sql("insert into resource_current (res_type, res_id, version_id, last_updated, content_hash, subject)"
                        + " values ('CarePlan', ?, 1, now(), 'legacy', 'Patient/p1')")
                .param(legacy)
                .update();

        HttpResponse<String> response = http.get("CarePlan/" + legacy);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("W/\"1\"");
        CarePlan plan = parse(response.body());
        assertThat(plan.getMeta().getVersionId()).isEqualTo("1");
        assertThat(plan.getSubject().getReference()).isEqualTo("Patient/p1");
        assertThat(http.withToken(TestTokens.patient("p2", "patient/CarePlan.rs"))
                        .get("CarePlan/" + legacy)
                        .statusCode())
                .isEqualTo(404);
    }

    private String stored(String carePlan, int version) {
        return jdbc.sql(
                        "select json from resource_version where res_type = 'CarePlan' and res_id = ? and version_id = ?")
                .params(carePlan, version)
                .query(String.class)
                .single();
    }

    private static CarePlan parse(String json) {
        return FhirContext.forR4Cached().newJsonParser().parseResource(CarePlan.class, json);
    }
}
