package org.spinefusion.careplan.service.delivery.queue;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a planned education message when it falls due: a new version, completed, sent at its planned time. That
 * version is what the EHRs receive. The sent time is the planned one, so replicas releasing the same message at once
 * write the same content and storage keeps one version.
 */
@Component
public class PlannedCommunications {

    private final ResourceRepository resources;
    private final TransactionTemplate transaction;

    PlannedCommunications(ResourceRepository resources, TransactionTemplate transaction) {
        this.resources = resources;
        this.transaction = transaction;
    }

    public void release(Communication planned, Date sendTime) {
        transaction.executeWithoutResult(status -> resources
                .readCurrent("Communication", planned.getIdPart())
                .map(Communication.class::cast)
                .filter(current -> current.getStatus() == CommunicationStatus.PREPARATION)
                .ifPresent(current -> {
                    current.setStatus(CommunicationStatus.COMPLETED);
                    current.setSent(sendTime);
                    resources.saveAll(List.of(current));
                }));
    }
}
