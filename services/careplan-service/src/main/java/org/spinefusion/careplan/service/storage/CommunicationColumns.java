package org.spinefusion.careplan.service.storage;

import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Extension;
import org.springframework.stereotype.Component;

/** A Communication's date is when it was sent or, until then, when it is planned to be sent. */
@Component
class CommunicationColumns implements SearchColumns<Communication> {

    static final String PLANNED_SEND_TIME =
            "http://careplan.spinefusion.org/fhir/StructureDefinition/planned-send-time";

    @Override
    public Class<Communication> type() {
        return Communication.class;
    }

    @Override
    public SearchValues extract(Communication communication) {
        return new SearchValues.Builder()
                .subject(communication.getSubject())
                .status(communication.hasStatus() ? communication.getStatus().toCode() : null)
                .categories(communication.getCategory())
                .identifiers(communication.getIdentifier())
                .date(communication.hasSent() ? communication.getSentElement() : plannedSendTime(communication))
                .refs(communication.getBasedOn())
                .refs(communication.getPartOf())
                .refs(communication.getAbout())
                .build();
    }

    private static BaseDateTimeType plannedSendTime(Communication communication) {
        Extension extension = communication.getExtensionByUrl(PLANNED_SEND_TIME);
        return extension != null && extension.getValue() instanceof BaseDateTimeType time ? time : null;
    }
}
