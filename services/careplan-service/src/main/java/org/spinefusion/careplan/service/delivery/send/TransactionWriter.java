package org.spinefusion.careplan.service.delivery.send;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Resource;
import org.spinefusion.careplan.service.delivery.endpoints.Endpoint;
import org.springframework.stereotype.Component;

/**
 * Writes several outgoing copies as one FHIR transaction: one request, and at the EHR one database transaction, for
 * what one write of ours queued (a plan's Goals, the plan and its messages; an alert with what it cites). Copies the
 * EHR does not hold yet are created under a {@code urn:uuid} full URL that the others reference, so the EHR links them
 * itself; copies it holds are updated with If-Match, so an edit made there fails the transaction rather than being
 * written over. All or nothing: a refusal leaves the EHR as it was.
 */
@Component
public class TransactionWriter {

    private final EhrClient client;
    private final FhirContext fhir;

    TransactionWriter(EhrClient client, FhirContext fhir) {
        this.client = client;
        this.fhir = fhir;
    }

    /**
     * One entry: a copy whose references are translated, the full URL others reference it by, and the EHR's id and
     * version of its copy when it has one (then it is an update).
     */
    public record Entry(Resource out, String fullUrl, String ehrId, String ehrVersion) {}

    /** How the transaction ended: the EHR's id and version for each entry, in order; or the EHR's refusal. */
    public record Outcome(List<Written> written, EhrResponse refusal) {

        public boolean succeeded() {
            return refusal == null;
        }
    }

    public record Written(String ehrId, String ehrVersion) {}

    public Outcome write(Endpoint endpoint, List<Entry> entries) throws IOException, InterruptedException {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Entry entry : entries) {
            String type = entry.out().fhirType();
            BundleEntryComponent component =
                    transaction.addEntry().setFullUrl(entry.fullUrl()).setResource(entry.out());
            if (entry.ehrId() == null) {
                component.getRequest().setMethod(HTTPVerb.POST).setUrl(type);
            } else {
                entry.out().setId(entry.ehrId());
                component.getRequest().setMethod(HTTPVerb.PUT).setUrl(type + "/" + entry.ehrId());
                if (entry.ehrVersion() != null) {
                    component.getRequest().setIfMatch("W/\"" + entry.ehrVersion() + "\"");
                }
            }
        }
        EhrResponse response =
                client.send(endpoint, "POST", "", fhir.newJsonParser().encodeResourceToString(transaction), Map.of());
        if (!response.ok()) {
            return new Outcome(List.of(), response);
        }
        Bundle answer = fhir.newJsonParser().parseResource(Bundle.class, response.body());
        if (answer.getEntry().size() != entries.size()) {
            throw new IllegalStateException("the EHR answered a transaction of " + entries.size() + " entries with "
                    + answer.getEntry().size());
        }
        List<Written> written = new ArrayList<>();
        for (BundleEntryComponent entry : answer.getEntry()) {
            String location = entry.getResponse().getLocation();
            EhrResponse each =
                    new EhrResponse(200, location, null, entry.getResponse().getEtag(), null);
            String id = each.locationId();
            if (id == null) {
                throw new IllegalStateException("the EHR created a resource in a transaction without telling its id");
            }
            written.add(new Written(id, each.headerVersion()));
        }
        return new Outcome(written, null);
    }
}
