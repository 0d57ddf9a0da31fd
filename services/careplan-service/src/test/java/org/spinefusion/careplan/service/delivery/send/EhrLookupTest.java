package org.spinefusion.careplan.service.delivery.send;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.Identifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.delivery.DeliveryProperties;
import org.spinefusion.careplan.service.delivery.endpoints.EhrHttp;
import org.spinefusion.careplan.service.delivery.endpoints.Endpoint;
import org.spinefusion.careplan.service.delivery.endpoints.EndpointSettings;

/**
 * The search by identifier after an answer was lost must reach the EHR's data, not its search cache (HAPI JPA reuses
 * a search's results for 60 s by default): a cached "none" from before the lost create would make a second copy.
 */
class EhrLookupTest {

    private final List<String> cacheControl = new CopyOnWriteArrayList<>();
    private HttpServer ehr;

    @BeforeEach
    void startEhr() throws Exception {
        ehr = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ehr.createContext("/fhir/Communication", exchange -> {
            cacheControl.add(String.valueOf(exchange.getRequestHeaders().getFirst("Cache-Control")));
            byte[] body = ("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":"
                            + "{\"resourceType\":\"Communication\",\"id\":\"ehr-7\",\"status\":\"completed\"}}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ehr.start();
    }

    @AfterEach
    void stopEhr() {
        ehr.stop(0);
    }

    @Test
    void asksTheEhrNotToAnswerFromItsSearchCache() throws Exception {
        EhrLookup lookup = new EhrLookup(new EhrClient(new EhrHttp(properties()), null), FhirContext.forR4Cached());

        EhrLookup.Found found = lookup.find(
                endpoint(),
                "Communication",
                new Identifier().setSystem("urn:test").setValue("msg-1"));

        assertThat(found.ehrId()).isEqualTo("ehr-7");
        assertThat(cacheControl).containsExactly("no-cache");
    }

    private Endpoint endpoint() {
        EndpointSettings settings = new EndpointSettings(
                "lookup-ehr",
                "http://127.0.0.1:" + ehr.getAddress().getPort() + "/fhir",
                "none",
                null,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null);
        return new Endpoint(settings, null, Instant.now());
    }

    private static DeliveryProperties properties() {
        return new DeliveryProperties(
                Duration.ofSeconds(5),
                Duration.ofSeconds(2),
                Duration.ofSeconds(40),
                Duration.ofSeconds(2),
                Duration.ofHours(1),
                Duration.ofHours(6),
                Duration.ofSeconds(10),
                "http://careplan.spinefusion.org/fhir/identifier/delivery",
                List.of(),
                Duration.ofSeconds(15));
    }
}
