package org.spinefusion.careplan.service.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Resource;
import org.spinefusion.careplan.pathway.narrative.Xhtml;
import org.spinefusion.careplan.service.storage.ResourceRepository;

/**
 * Reconciles a newly made plan with what already happened: a message already sent stays as it was, progress
 * recorded on a milestone is kept, and a planned message the new plan no longer has is cancelled.
 */
class DeliveredStateKeeper {

    private static final String CANCELLED_REASON = "not sent: no longer part of the revised care plan";

    private final ResourceRepository resources;

    DeliveredStateKeeper(ResourceRepository resources) {
        this.resources = resources;
    }

    /** The resources to save: the new plan, minus messages already past planning, plus cancellations. */
    List<Resource> reconcile(List<Resource> planned, List<String> previousCommunicationIds) {
        List<Resource> toSave = new ArrayList<>();
        Set<String> plannedCommunications = new HashSet<>();
        for (Resource resource : planned) {
            if (resource instanceof Communication message) {
                plannedCommunications.add(message.getIdPart());
                if (alreadyUnderway(message.getIdPart())) {
                    continue;
                }
            }
            if (resource instanceof Goal goal) {
                keepProgress(goal);
            }
            toSave.add(resource);
        }
        for (String id : previousCommunicationIds) {
            if (!plannedCommunications.contains(id)) {
                cancelIfStillPlanned(id).ifPresent(toSave::add);
            }
        }
        return toSave;
    }

    private boolean alreadyUnderway(String communicationId) {
        return resources
                .readCurrent("Communication", communicationId)
                .map(Communication.class::cast)
                .filter(stored -> stored.getStatus() != CommunicationStatus.PREPARATION)
                .filter(stored -> stored.getStatus() != CommunicationStatus.NOTDONE)
                .isPresent();
    }

    private void keepProgress(Goal goal) {
        resources.readCurrent("Goal", goal.getIdPart()).map(Goal.class::cast).ifPresent(stored -> {
            if (stored.hasAchievementStatus()) {
                goal.setAchievementStatus(stored.getAchievementStatus());
                goal.setStatusDateElement(stored.getStatusDateElement());
            }
        });
    }

    private Optional<Communication> cancelIfStillPlanned(String communicationId) {
        return resources
                .readCurrent("Communication", communicationId)
                .map(Communication.class::cast)
                .filter(stored -> stored.getStatus() == CommunicationStatus.PREPARATION)
                .map(stored -> {
                    stored.setStatus(CommunicationStatus.NOTDONE);
                    stored.setStatusReason(new CodeableConcept().setText(CANCELLED_REASON));
                    stored.setText(Xhtml.div()
                            .heading("Patient message, cancelled")
                            .field("Status", CANCELLED_REASON)
                            .paragraph(stored.getPayloadFirstRep()
                                    .getContentStringType()
                                    .getValue())
                            .toNarrative());
                    return stored;
                });
    }
}
