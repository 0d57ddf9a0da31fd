package org.spinefusion.careplan.service.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.FhirClients;
import org.spinefusion.careplan.service.support.Fixtures;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an operator's probes and Prometheus see. Spring's test support replaces the Prometheus registry unless asked
 * not to, hence the extra annotation (and a context of its own).
 */
@CarePlanIntegrationTest
@AutoConfigureObservability
class HealthAndMetricsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void readinessDependsOnTheDatabase() throws Exception {
        HttpResponse<String> ready = get("http://localhost:" + port + "/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"db\"").contains("\"readinessState\"");
        assertThat(get("http://localhost:" + port + "/livez").statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusExposesApplyRequestAndDeliveryMetrics() throws Exception {
        EpisodeSpec episode = EpisodeSpec.lumbar(
                Fixtures.unique("metrics"),
                LocalDate.of(2027, 5, 4),
                "approach-posterior",
                "technique-open",
                "setting-inpatient",
                "closure-staples");
        FhirClients.client(port)
                .operation()
                .onInstance("PlanDefinition/spinal-fusion-pathway")
                .named("$apply")
                .withParameters(new org.hl7.fhir.r4.model.Parameters()
                        .addParameter(
                                "subject",
                                new org.hl7.fhir.r4.model.StringType(
                                        episode.patient().getReference()))
                        .addParameter(new org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent()
                                .setName("data")
                                .setResource(episode.data())))
                .execute();

        String metrics = scrapeUntil("operation=\"$apply\"");

        assertThat(lines(metrics, "careplan_apply_seconds_count")).anyMatch(l -> l.contains("outcome=\"stored\""));
        assertThat(lines(metrics, "careplan_fhir_requests_seconds_count"))
                .anyMatch(l -> l.contains("operation=\"$apply\"") && l.contains("type=\"PlanDefinition\""));
        assertThat(lines(metrics, "careplan_delivery_pending")).isNotEmpty();
        assertThat(lines(metrics, "careplan_delivery_oldest_pending_age")).isNotEmpty();
        assertThat(lines(metrics, "careplan_delivery_dead_letters")).isNotEmpty();
    }

    /**
     * The request timer is recorded when HAPI reports the request complete, which can be just after the client has
     * its response; so the scrape is repeated (for at most 10 s) until the timer shows up.
     */
    private String scrapeUntil(String expected) throws Exception {
        long giveUpAt = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        String metrics;
        do {
            metrics = get("http://localhost:" + managementPort + "/actuator/prometheus")
                    .body();
            if (metrics.contains(expected)) {
                break;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < giveUpAt);
        return metrics;
    }

    private static java.util.List<String> lines(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name)).toList();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
