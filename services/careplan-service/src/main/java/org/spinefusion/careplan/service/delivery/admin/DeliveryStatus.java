package org.spinefusion.careplan.service.delivery.admin;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Parameters;
import org.spinefusion.careplan.service.delivery.ledger.DeliveryLedger;
import org.springframework.stereotype.Component;

/** The delivery of one resource at every endpoint, as the admin operations answer it. */
@Component
class DeliveryStatus {

    private final DeliveryLedger ledger;
    private final FhirContext fhir;

    DeliveryStatus(DeliveryLedger ledger, FhirContext fhir) {
        this.ledger = ledger;
        this.fhir = fhir;
    }

    Parameters of(String type, String id) {
        Parameters out = new Parameters();
        ledger.forResource(type, id).forEach(row -> out.addParameter(DeliveryParts.row(fhir, row)));
        return out;
    }
}
