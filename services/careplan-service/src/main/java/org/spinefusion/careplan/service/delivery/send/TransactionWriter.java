package org.spinefusion.careplan.service.delivery.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spinefusion.careplan.service.delivery.endpoints.Endpoint;
import org.springframework.stereotype.Component;

/**
 * Writes several outgoing copies as one FHIR transaction: one request, and at the EHR one database transaction, for
 * what one write of ours queued (a plan's Goals, the plan and its messages; an alert with what it cites). Copies the
 * EHR does not hold yet are created under a {@code urn:uuid} full URL that the others reference, so the EHR links them
 * itself; copies it holds are updated with If-Match, so an edit made there fails the transaction rather than being
 * written over. All or nothing: a refusal leaves the EHR as it was. The Bundle is written and its answer read as plain
 * JSON: the copies never become resource objects on their way.
 */
@Component
public class TransactionWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EhrClient client;

    TransactionWriter(EhrClient client) {
        this.client = client;
    }

    /**
     * One entry: a copy of a resource of {@code type} whose references are translated, the full URL others reference it
     * by, and the EHR's id and version of its copy when it has one (then it is an update).
     */
    public record Entry(String type, ObjectNode out, String fullUrl, String ehrId, String ehrVersion) {}

    /** How the transaction ended: the EHR's id and version for each entry, in order; or the EHR's refusal. */
    public record Outcome(List<Written> written, EhrResponse refusal) {

        public boolean succeeded() {
            return refusal == null;
        }
    }

    public record Written(String ehrId, String ehrVersion) {}

    public Outcome write(Endpoint endpoint, List<Entry> entries) throws IOException, InterruptedException {
        ObjectNode transaction =
                JSON.createObjectNode().put("resourceType", "Bundle").put("type", "transaction");
        ArrayNode bundled = transaction.putArray("entry");
        for (Entry entry : entries) {
            ObjectNode component = bundled.addObject().put("fullUrl", entry.fullUrl());
            component.set("resource", entry.out());
            ObjectNode request = component.putObject("request");
            if (entry.ehrId() == null) {
                request.put("method", "POST").put("url", entry.type());
            } else {
                entry.out().put("id", entry.ehrId());
                request.put("method", "PUT").put("url", entry.type() + "/" + entry.ehrId());
                if (entry.ehrVersion() != null) {
                    request.put("ifMatch", "W/\"" + entry.ehrVersion() + "\"");
                }
            }
        }
        EhrResponse response = client.send(endpoint, "POST", "", JSON.writeValueAsString(transaction), Map.of());
        if (!response.ok()) {
            return new Outcome(List.of(), response);
        }
        return new Outcome(written(response, entries.size()), null);
    }

    private static List<Written> written(EhrResponse response, int sent) {
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the EHR answered a transaction with something other than a Bundle", e);
        }
        JsonNode answered = answer.path("entry");
        if (answered.size() != sent) {
            throw new IllegalStateException(
                    "the EHR answered a transaction of " + sent + " entries with " + answered.size());
        }
        List<Written> written = new ArrayList<>();
        for (JsonNode entry : answered) {
            JsonNode result = entry.path("response");
            EhrResponse each = new EhrResponse(
                    200,
                    result.path("location").asText(null),
                    null,
                    result.path("etag").asText(null),
                    null);
            String id = each.locationId();
            if (id == null) {
                throw new IllegalStateException("the EHR created a resource in a transaction without telling its id");
            }
            written.add(new Written(id, each.headerVersion()));
        }
        return written;
    }
}
