package org.spinefusion.careplan.service.delivery.send;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.util.Map;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.spinefusion.careplan.service.delivery.endpoints.Capabilities;
import org.spinefusion.careplan.service.delivery.endpoints.Endpoint;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryRow;
import org.spinefusion.careplan.service.delivery.ledger.HoldReason;
import org.springframework.stereotype.Component;

/**
 * Writes a resource as itself: an update of the EHR's copy when the ledger knows its id, else a create. A create
 * whose earlier attempt may have succeeded looks the resource up first (or is conditional where declared), so the EHR
 * never holds two copies. What is sent is the outgoing copy whose references the translate stage has already made the
 * EHR's. An update
 * carries If-Match with the EHR's version of its copy: an edit made at the EHR since our last write answers 412, and
 * the resource is parked with that reason rather than written over.
 */
@Component
public class NativeWriter {

    private final EhrClient client;
    private final EhrLookup lookup;
    private final OutgoingResources outgoing;
    private final FhirContext fhir;

    NativeWriter(EhrClient client, EhrLookup lookup, OutgoingResources outgoing, FhirContext fhir) {
        this.client = client;
        this.lookup = lookup;
        this.outgoing = outgoing;
        this.fhir = fhir;
    }

    /** {@code out} is the outgoing copy of {@code resource} ({@link OutgoingResources#copy}), references translated. */
    public WriteResult write(Endpoint endpoint, Resource resource, Resource out, DeliveryRow claim)
            throws IOException, InterruptedException {
        Capabilities capabilities = endpoint.capabilities();
        String type = resource.fhirType();
        Identifier identifier = outgoing.identifier(resource);
        String ehrId = claim.ehrId();
        // Only a create whose earlier attempt may have reached the EHR needs guarding: a first attempt cannot make a
        // second copy, and a conditional create costs the EHR a search before every write.
        boolean conditional =
                claim.inFlight() && capabilities.conditionalCreate().contains(type);
        if (ehrId == null && claim.inFlight() && !conditional) {
            if (!capabilities.identifierSearch().contains(type)) {
                return WriteResult.cannotReconcile();
            }
            EhrLookup.Found found = lookup.find(endpoint, type, identifier);
            if (found.failure() != null) {
                return WriteResult.failed(found.failure());
            }
            ehrId = found.ehrId();
        }
        if (ehrId != null) {
            if (!capabilities.updatable().contains(type)) {
                return WriteResult.delivered(ehrId);
            }
            out.setId(ehrId);
            String known = ehrId.equals(claim.ehrId()) ? claim.ehrVersion() : null;
            Map<String, String> headers = known == null ? Map.of() : Map.of("If-Match", "W/\"" + known + "\"");
            EhrResponse response = client.send(endpoint, "PUT", type + "/" + ehrId, json(out), headers);
            // 412 is FHIR's answer to a stale If-Match; HAPI answers 409 (HAPI-0989, not the current version).
            if (known != null && (response.status() == 412 || response.status() == 409)) {
                WriteResult merged = alreadyThere(endpoint, resource, type, ehrId);
                if (merged != null) {
                    return merged;
                }
                return WriteResult.parked(
                        HoldReason.EDITED_AT_EHR,
                        "the EHR's copy " + type + "/" + ehrId + " changed since our version " + known
                                + " (edited at the EHR); not overwritten, replay after review",
                        response);
            }
            return response.ok() ? WriteResult.delivered(ehrId, version(response)) : WriteResult.failed(response);
        }
        Map<String, String> headers =
                conditional ? Map.of("If-None-Exist", "identifier=" + OutgoingResources.token(identifier)) : Map.of();
        EhrResponse response = client.send(endpoint, "POST", type, json(out), headers);
        if (!response.ok()) {
            return WriteResult.failed(response);
        }
        return WriteResult.delivered(createdId(response), version(response));
    }

    /**
     * After a 412: the EHR's copy re-read. A Task whose status there is already ours (the clinician acknowledged it at
     * the EHR, and we now send the same acknowledgement back) holds all that is ours; its version is taken as
     * delivered. Anything else is an edit we do not merge: null, and the caller parks it.
     */
    private WriteResult alreadyThere(Endpoint endpoint, Resource resource, String type, String ehrId)
            throws IOException, InterruptedException {
        if (!(resource instanceof Task ours)) {
            return null;
        }
        EhrResponse current = client.get(endpoint, type + "/" + ehrId);
        if (!current.ok()) {
            return null;
        }
        Task theirs = fhir.newJsonParser().parseResource(Task.class, current.body());
        return theirs.getStatus() == ours.getStatus()
                ? WriteResult.delivered(ehrId, theirs.getMeta().getVersionId())
                : null;
    }

    /** The EHR's version of what it now holds: the ETag, else the Location's history part, else meta.versionId. */
    String version(EhrResponse response) {
        String fromHeaders = response.headerVersion();
        if (fromHeaders != null) {
            return fromHeaders;
        }
        if (response.body() != null && !response.body().isBlank()) {
            try {
                return fhir.newJsonParser()
                        .parseResource(response.body())
                        .getMeta()
                        .getVersionId();
            } catch (RuntimeException notAResource) {
                return null;
            }
        }
        return null;
    }

    String createdId(EhrResponse response) {
        String id = response.locationId();
        if (id == null && response.body() != null && !response.body().isBlank()) {
            id = fhir.newJsonParser()
                    .parseResource(response.body())
                    .getIdElement()
                    .getIdPart();
        }
        if (id == null) {
            throw new IllegalStateException("the EHR created a resource without telling its id");
        }
        return id;
    }

    private String json(Resource resource) {
        return fhir.newJsonParser().encodeResourceToString(resource);
    }
}
