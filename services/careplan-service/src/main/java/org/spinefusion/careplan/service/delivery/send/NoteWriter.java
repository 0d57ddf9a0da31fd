package org.spinefusion.careplan.service.delivery.send;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.spinefusion.careplan.service.delivery.endpoints.Capabilities;
import org.spinefusion.careplan.service.delivery.endpoints.Endpoint;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryKey;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryLedger;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryRow;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.springframework.stereotype.Component;

/**
 * Writes a CarePlan as a clinical note where the EHR only reads CarePlans (US Core "Writing Clinical Notes"): a
 * DocumentReference of LOINC 18776-5 (plan of care note) with the rendered plan as HTML. A revision is a new note that
 * replaces the previous one, which is then marked superseded, so the chart shows exactly one current note.
 */
@Component
public class NoteWriter {

    static final String LOINC = "http://loinc.org";
    static final String PLAN_OF_CARE_NOTE = "18776-5";

    private final EhrClient client;
    private final EhrLookup lookup;
    private final NativeWriter natives;
    private final OutgoingResources outgoing;
    private final ResourceRepository resources;
    private final DeliveryLedger ledger;
    private final FhirContext fhir;
    private final Clock clock;

    NoteWriter(
            EhrClient client,
            EhrLookup lookup,
            NativeWriter natives,
            OutgoingResources outgoing,
            ResourceRepository resources,
            DeliveryLedger ledger,
            FhirContext fhir,
            Clock clock) {
        this.client = client;
        this.lookup = lookup;
        this.natives = natives;
        this.outgoing = outgoing;
        this.resources = resources;
        this.ledger = ledger;
        this.fhir = fhir;
        this.clock = clock;
    }

    public WriteResult write(Endpoint endpoint, DeliveryKey key, CarePlan plan, int version, DeliveryRow claim)
            throws IOException, InterruptedException {
        Capabilities capabilities = endpoint.capabilities();
        String current = claim.ehrId();
        String previous = claim.supersededEhrId();
        boolean written = claim.deliveredVersion() != null && claim.deliveredVersion() >= version;
        if (!written) {
            previous = current;
            Identifier identifier = outgoing.noteIdentifier(plan, version);
            // As for native writes: only a create that may already have reached the EHR is made conditional.
            boolean conditional =
                    claim.inFlight() && capabilities.conditionalCreate().contains(Capabilities.NOTE_TYPE);
            current = null;
            if (claim.inFlight() && !conditional) {
                if (!capabilities.identifierSearch().contains(Capabilities.NOTE_TYPE)) {
                    return WriteResult.cannotReconcile();
                }
                EhrLookup.Found found = lookup.find(endpoint, Capabilities.NOTE_TYPE, identifier);
                if (found.failure() != null) {
                    return WriteResult.failed(found.failure());
                }
                current = found.ehrId();
            }
            if (current == null) {
                Map<String, String> headers = conditional
                        ? Map.of("If-None-Exist", "identifier=" + OutgoingResources.token(identifier))
                        : Map.of();
                EhrResponse response = client.send(
                        endpoint, "POST", Capabilities.NOTE_TYPE, json(note(plan, identifier, previous)), headers);
                if (!response.ok()) {
                    return WriteResult.failed(response);
                }
                current = natives.createdId(response);
            }
            if (previous != null && !previous.equals(current)) {
                ledger.delivered(key, version, Capabilities.NOTE_TYPE, current, null, previous, clock.instant());
            } else {
                previous = null;
            }
        }
        if (previous != null && capabilities.updatable().contains(Capabilities.NOTE_TYPE)) {
            EhrResponse superseded = supersede(endpoint, previous);
            if (superseded != null) {
                return WriteResult.failed(superseded);
            }
        }
        return WriteResult.delivered(current);
    }

    /** Marks the previous note superseded; null when done (or when it is gone), else the EHR's failed answer. */
    private EhrResponse supersede(Endpoint endpoint, String previous) throws IOException, InterruptedException {
        EhrResponse read = client.get(endpoint, Capabilities.NOTE_TYPE + "/" + previous);
        if (read.status() == 404 || read.status() == 410) {
            return null;
        }
        if (!read.ok()) {
            return read;
        }
        DocumentReference old = fhir.newJsonParser().parseResource(DocumentReference.class, read.body());
        if (old.getStatus() == DocumentReferenceStatus.SUPERSEDED) {
            return null;
        }
        old.setStatus(DocumentReferenceStatus.SUPERSEDED);
        old.setMeta(null);
        EhrResponse response =
                client.send(endpoint, "PUT", Capabilities.NOTE_TYPE + "/" + previous, json(old), Map.of());
        return response.ok() ? null : response;
    }

    DocumentReference note(CarePlan plan, Identifier identifier, String replaces) {
        DocumentReference note = new DocumentReference();
        note.addIdentifier(identifier);
        note.setStatus(DocumentReferenceStatus.CURRENT);
        note.setDocStatus(DocumentReference.ReferredDocumentStatus.FINAL);
        note.setType(new CodeableConcept(new Coding(LOINC, PLAN_OF_CARE_NOTE, "Plan of care note")));
        note.addCategory(new CodeableConcept(new Coding(
                "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category",
                "clinical-note",
                "Clinical Note")));
        note.setSubject(plan.getSubject().copy());
        note.setDate(new Date(clock.millis()));
        note.setDescription(plan.getTitle());
        if (replaces != null) {
            note.addRelatesTo()
                    .setCode(DocumentReference.DocumentRelationshipType.REPLACES)
                    .setTarget(new Reference(Capabilities.NOTE_TYPE + "/" + replaces));
        }
        note.addContent()
                .getAttachment()
                .setContentType("text/html")
                .setTitle(plan.getTitle())
                .setData(html(plan).getBytes(StandardCharsets.UTF_8));
        return note;
    }

    /** The plan's narrative with its goals' narratives: what the engine rendered, as one HTML page. */
    String html(CarePlan plan) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(escape(plan.getTitle()))
                .append("</title></head><body>");
        if (plan.hasText()) {
            page.append(plan.getText().getDivAsString());
        }
        List<String> goals =
                plan.getGoal().stream().map(Reference::getReference).toList();
        for (Resource goal : resources.readCurrent(goals)) {
            if (goal instanceof org.hl7.fhir.r4.model.Goal withText && withText.hasText()) {
                page.append(withText.getText().getDivAsString());
            }
        }
        return page.append("</body></html>").toString();
    }

    private static String escape(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private String json(Resource resource) {
        return fhir.newJsonParser().encodeResourceToString(resource);
    }
}
