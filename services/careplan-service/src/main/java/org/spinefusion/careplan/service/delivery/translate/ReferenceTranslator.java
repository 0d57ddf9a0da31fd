package org.spinefusion.careplan.service.delivery.translate;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.spinefusion.careplan.service.delivery.DeliveryProperties;
import org.spinefusion.careplan.service.delivery.endpoints.Endpoint;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryKey;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryLedger;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryRow;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryState;
import org.spinefusion.careplan.service.delivery.ledger.HoldReason;
import org.spinefusion.careplan.service.delivery.queue.DeliveryClassifier;
import org.spinefusion.careplan.service.delivery.send.WriteResult;
import org.springframework.stereotype.Component;

/**
 * Rewrites the literal references of an outgoing copy into references the EHR can resolve: the subject to the EHR's
 * Patient ({@link PatientIdentities}); a resource we deliver there to the id the EHR assigned it (from the ledger);
 * a resource we do not deliver there to a logical reference by its delivery identifier, so no id of ours the EHR does
 * not know is ever sent. Canonicals are not references and stay as they are. When a referenced resource is still on
 * its way to the EHR the copy is not sent yet: the result names it, so it can go first.
 */
@Component
public class ReferenceTranslator {

    private final DeliveryLedger ledger;
    private final PatientIdentities patients;
    private final FhirTerser terser;
    private final String system;

    ReferenceTranslator(
            DeliveryLedger ledger, PatientIdentities patients, FhirContext fhir, DeliveryProperties properties) {
        this.ledger = ledger;
        this.patients = patients;
        this.terser = fhir.newTerser();
        this.system = properties.identifierSystem();
    }

    /** Null when every reference of {@code out} now points at the EHR's resources; else why it cannot go yet. */
    public WriteResult translate(Endpoint endpoint, Resource out) throws IOException, InterruptedException {
        List<ReferenceSlot> slots = terser.getAllPopulatedChildElementsOfType(out, Reference.class).stream()
                .map(ReferenceSlot::of)
                .toList();
        return translate(endpoint, slots, Map.of());
    }

    /**
     * As {@link #translate(Endpoint, Resource)}, for a copy as JSON inside a transaction: a reference to a resource that
     * travels in the same transaction ({@code Type/id} of ours) becomes the reference given for it, its entry's full
     * URL.
     */
    public WriteResult translate(Endpoint endpoint, ObjectNode out, Map<String, String> inTransaction)
            throws IOException, InterruptedException {
        return translate(endpoint, ReferenceSlot.in(out), inTransaction);
    }

    private WriteResult translate(Endpoint endpoint, List<ReferenceSlot> slots, Map<String, String> inTransaction)
            throws IOException, InterruptedException {
        Set<String> lookUp = delivered(slots);
        lookUp.removeAll(inTransaction.keySet());
        Map<String, DeliveryRow> rows = ledger.findAll(endpoint.id(), lookUp);
        for (ReferenceSlot slot : slots) {
            String literal = slot.literal();
            if (literal == null || literal.startsWith("#") || literal.contains(":")) {
                continue;
            }
            String[] parts = literal.split("/");
            if (parts.length < 2) {
                continue;
            }
            String type = parts[0];
            String id = parts[1];
            if (type.equals("Patient")) {
                PatientIdentities.Resolved resolved = patients.resolve(endpoint, literal);
                if (resolved.failure() != null) {
                    return WriteResult.failed(resolved.failure());
                }
                if (resolved.reference().isEmpty()) {
                    return WriteResult.parked(
                            HoldReason.MISSING_PATIENT,
                            "the EHR holds no Patient for " + literal + " ("
                                    + endpoint.settings().patientIdentity()
                                    + "); deliveries for this patient resume once it does",
                            null);
                }
                slot.point(resolved.reference().get());
                continue;
            }
            String travelsAlong = inTransaction.get(type + "/" + id);
            if (travelsAlong != null) {
                slot.point(travelsAlong);
                continue;
            }
            Optional<DeliveryRow> row = Optional.ofNullable(rows.get(type + "/" + id));
            if (row.isPresent()
                    && row.get().ehrId() != null
                    && type.equals(row.get().targetType())) {
                slot.point(type + "/" + row.get().ehrId());
            } else if (row.isPresent()
                    && (row.get().state() == DeliveryState.PENDING || row.get().state() == DeliveryState.PARKED)) {
                return WriteResult.waiting(
                        new DeliveryKey(endpoint.id(), type, id, row.get().pendingVersion()));
            } else {
                // A resource the EHR will not hold: named by its delivery identifier, without a literal reference.
                slot.logical(system, literal, type);
            }
        }
        return null;
    }

    /** The {@code Type/id} of every literal reference to a type we deliver: their ledger rows are read at once. */
    private static Set<String> delivered(List<ReferenceSlot> slots) {
        Set<String> delivered = new HashSet<>();
        for (ReferenceSlot slot : slots) {
            String literal = slot.literal();
            if (literal == null || literal.startsWith("#") || literal.contains(":")) {
                continue;
            }
            String[] parts = literal.split("/");
            if (parts.length >= 2 && DeliveryClassifier.DELIVERABLE.contains(parts[0])) {
                delivered.add(parts[0] + "/" + parts[1]);
            }
        }
        return delivered;
    }
}
