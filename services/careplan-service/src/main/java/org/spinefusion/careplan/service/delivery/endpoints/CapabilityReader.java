package org.spinefusion.careplan.service.delivery.endpoints;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.springframework.stereotype.Component;

/** Reads an endpoint's CapabilityStatement ({@code /metadata}) and {@code .well-known/smart-configuration}. */
@Component
class CapabilityReader {

    /** Servers build their CapabilityStatement on demand, slowly when cold; discovery is rare, so it may wait. */
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(15);

    private final EhrHttp http;
    private final FhirContext fhir;
    private final ObjectMapper json;

    CapabilityReader(EhrHttp http, FhirContext fhir, ObjectMapper json) {
        this.http = http;
        this.fhir = fhir;
        this.json = json;
    }

    Capabilities read(EndpointSettings endpoint) throws IOException, InterruptedException {
        CapabilityStatement statement = fhir.newJsonParser()
                .parseResource(
                        CapabilityStatement.class, get(endpoint.baseUrl() + "/metadata", "application/fhir+json"));
        Set<String> creatable = new HashSet<>();
        Set<String> updatable = new HashSet<>();
        Set<String> conditionalCreate = new HashSet<>();
        Set<String> identifierSearch = new HashSet<>();
        boolean transaction = false;
        for (CapabilityStatementRestComponent rest : statement.getRest()) {
            if (rest.getMode() != CapabilityStatement.RestfulCapabilityMode.SERVER) {
                continue;
            }
            transaction |=
                    rest.getInteraction().stream().anyMatch(i -> i.getCode() == SystemRestfulInteraction.TRANSACTION);
            for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
                String type = resource.getType();
                if (has(resource, TypeRestfulInteraction.CREATE)) {
                    creatable.add(type);
                }
                if (has(resource, TypeRestfulInteraction.UPDATE)) {
                    updatable.add(type);
                }
                if (resource.getConditionalCreate()) {
                    conditionalCreate.add(type);
                }
                if (resource.getSearchParam().stream().anyMatch(p -> "identifier".equals(p.getName()))) {
                    identifierSearch.add(type);
                }
            }
        }
        String tokenUrl = null;
        List<String> algorithms = new ArrayList<>();
        if (endpoint.auth().equals(EndpointSettings.SMART_BACKEND)) {
            JsonNode smart =
                    json.readTree(get(endpoint.baseUrl() + "/.well-known/smart-configuration", "application/json"));
            tokenUrl = smart.path("token_endpoint").asText(null);
            smart.path("token_endpoint_auth_signing_alg_values_supported").forEach(a -> algorithms.add(a.asText()));
        }
        return new Capabilities(
                creatable, updatable, conditionalCreate, identifierSearch, transaction, tokenUrl, algorithms);
    }

    private static boolean has(CapabilityStatementRestResourceComponent resource, TypeRestfulInteraction code) {
        return resource.getInteraction().stream().anyMatch(i -> i.getCode() == code);
    }

    private String get(String url, String accept) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).GET());
        if (response.statusCode() != 200) {
            throw new IOException("reading " + url + " answered " + response.statusCode());
        }
        return response.body();
    }
}
