package org.spinefusion.careplan.service.delivery.send;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.spinefusion.careplan.service.delivery.endpoints.Endpoint;
import org.springframework.stereotype.Component;

/**
 * Finds what an earlier attempt may have created, by identifier, before creating again. Used only after an attempt
 * whose outcome is unknown, and only where the endpoint declares the identifier search parameter.
 */
@Component
class EhrLookup {

    private final EhrClient client;
    private final FhirContext fhir;

    EhrLookup(EhrClient client, FhirContext fhir) {
        this.client = client;
        this.fhir = fhir;
    }

    /** The EHR's id of the resource with this identifier, null when absent, or the failed answer. */
    Found find(Endpoint endpoint, String type, Identifier identifier) throws IOException, InterruptedException {
        // no-cache: servers reuse search results (HAPI JPA for 60 s by default), and a cached "none" from before the
        // lost answer would have us create a second copy.
        EhrResponse response = client.send(
                endpoint,
                "GET",
                type + "?identifier=" + URLEncoder.encode(OutgoingResources.token(identifier), StandardCharsets.UTF_8),
                null,
                Map.of("Cache-Control", "no-cache"));
        if (!response.ok()) {
            return new Found(null, response);
        }
        Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, response.body());
        return new Found(
                bundle.getEntry().stream()
                        .filter(e -> e.getResource() != null
                                && e.getResource().fhirType().equals(type))
                        .map(e -> e.getResource().getIdElement().getIdPart())
                        .findFirst()
                        .orElse(null),
                null);
    }

    record Found(String ehrId, EhrResponse failure) {}
}
