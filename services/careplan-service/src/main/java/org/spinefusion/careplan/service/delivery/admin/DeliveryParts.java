package org.spinefusion.careplan.service.delivery.admin;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryRow;
import org.spinefusion.careplan.service.delivery.queue.DeliveryClassifier;

/** How the admin operations read their parameters and show one delivery row. */
final class DeliveryParts {

    private DeliveryParts() {}

    static ParametersParameterComponent row(FhirContext fhir, DeliveryRow row) {
        ParametersParameterComponent part = new ParametersParameterComponent().setName("delivery");
        part.addPart().setName("endpoint").setValue(new StringType(row.endpointId()));
        part.addPart().setName("resource").setValue(new StringType(row.type() + "/" + row.id()));
        part.addPart().setName("state").setValue(new StringType(row.state().code()));
        if (row.holdReason() != null && row.held()) {
            part.addPart().setName("reason").setValue(new StringType(row.holdReason()));
        }
        part.addPart().setName("pending-version").setValue(new IntegerType(row.pendingVersion()));
        if (row.deliveredVersion() != null) {
            part.addPart().setName("delivered-version").setValue(new IntegerType(row.deliveredVersion()));
        }
        if (row.targetType() != null) {
            part.addPart().setName("delivered-as").setValue(new StringType(row.targetType()));
        }
        if (row.ehrId() != null) {
            part.addPart().setName("ehr-id").setValue(new StringType(row.ehrId()));
        }
        part.addPart().setName("attempts").setValue(new IntegerType(row.attempts()));
        part.addPart().setName("failures").setValue(new IntegerType(row.failures()));
        if (row.lastStatus() != null) {
            part.addPart().setName("last-status").setValue(new IntegerType(row.lastStatus()));
        }
        if (row.lastError() != null) {
            part.addPart().setName("last-error").setValue(new StringType(row.lastError()));
        }
        if (row.deliveredAt() != null) {
            part.addPart().setName("delivered-at").setValue(new InstantType(Date.from(row.deliveredAt())));
        }
        if (row.outcome() != null) {
            part.addPart()
                    .setName("outcome")
                    .setResource(fhir.newJsonParser().parseResource(OperationOutcome.class, row.outcome()));
        }
        return part;
    }

    /** {@code Type/id} of a delivered type, as {type, id}; anything else is a 400. */
    static String[] reference(String text) {
        String[] parts = text == null ? new String[0] : text.split("/");
        if (parts.length != 2 || !DeliveryClassifier.DELIVERABLE.contains(parts[0])) {
            throw new InvalidRequestException("resource is Type/id of a delivered type, e.g. CarePlan/cp-1");
        }
        return parts;
    }

    /** A whole number parameter within bounds, else a 400 naming it. */
    static int number(StringType text, String name, int fallback, int min, int max) {
        String value = value(text);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new InvalidRequestException(name + " is a whole number from " + min + " to " + max);
    }

    static String value(StringType text) {
        return text == null || text.getValue() == null || text.getValue().isBlank() ? null : text.getValue();
    }

    static List<String> values(List<StringType> texts) {
        return texts == null
                ? List.of()
                : texts.stream().map(StringType::getValue).toList();
    }
}
