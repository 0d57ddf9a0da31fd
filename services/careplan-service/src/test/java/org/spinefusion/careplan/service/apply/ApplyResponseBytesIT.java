package org.spinefusion.careplan.service.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.ComparableHeaders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** $apply answers with the CarePlan's JSON as it was stored, not encoded a second time, and HAPI's headers. */
@CarePlanIntegrationTest
class ApplyResponseBytesIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void answersANewPlanWithTheBytesStoredForIt() throws Exception {
        ApplyCalls calls = new ApplyCalls(port);
        EpisodeSpec episode = ApplyIT.episode(ApplyIT.INPATIENT);

        HttpResponse<String> response = calls.postApply(body(episode));

        assertThat(response.statusCode()).isEqualTo(200);
        String id = carePlanId(response.body());
        assertThat(response.body()).isEqualTo(stored(id));
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/CarePlan/" + id + "/_history/1"));
    }

    @Test
    void answersAsHapiWouldHaveEncodedTheSamePlan() throws Exception {
        ApplyCalls calls = new ApplyCalls(port);
        EpisodeSpec episode = ApplyIT.episode(ApplyIT.INPATIENT);
        calls.postApply(body(episode));

        HttpResponse<String> stored = calls.postApply(body(episode));
        HttpResponse<String> encoded =
                calls.post(ApplyCalls.PATHWAY + "/$apply?_pretty=false", "application/fhir+json", body(episode));

        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).isEqualTo(encoded.body()).isEqualTo(stored(carePlanId(stored.body())));
        assertThat(ComparableHeaders.of(stored.headers())).isEqualTo(ComparableHeaders.of(encoded.headers()));
    }

    private static String body(EpisodeSpec episode) {
        return ApplyCalls.json(ApplyCalls.parameters(episode.patient().getReference(), episode.data()));
    }

    private static String carePlanId(String json) {
        return ca.uhn.fhir.context.FhirContext.forR4Cached()
                .newJsonParser()
                .parseResource(json)
                .getIdElement()
                .getIdPart();
    }

    private String stored(String carePlan) {
        return jdbc.sql("select v.json from resource_current c join resource_version v on v.res_type = c.res_type"
                        + " and v.res_id = c.res_id and v.version_id = c.version_id"
                        + " where c.res_type = 'CarePlan' and c.res_id = ?")
                .param(carePlan)
                .query(String.class)
                .single();
    }
}
