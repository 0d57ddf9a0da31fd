package org.spinefusion.careplan.service.delivery.ledger;

import java.time.Instant;

/**
 * One row of {@code delivery}: the status and ledger entry of one resource at one endpoint; {@code escalation} when it
 * travels with an escalation's priority.
 */
public record DeliveryRow(
        String endpointId,
        String type,
        String id,
        DeliveryState state,
        int pendingVersion,
        Integer deliveredVersion,
        String targetType,
        String ehrId,
        String ehrVersion,
        String supersededEhrId,
        boolean inFlight,
        int attempts,
        int failures,
        Integer lastStatus,
        String lastError,
        String outcome,
        Instant due,
        Instant deliveredAt,
        String holdReason,
        boolean escalation) {

    /** Dead or parked: waiting for an operator or the EHR's side, with the reason in {@code holdReason}. */
    public boolean held() {
        return state.held();
    }

    /** True when the EHR holds {@code version} or a later one, with nothing left to finish. */
    public boolean holds(int version) {
        return deliveredVersion != null && deliveredVersion >= version && supersededEhrId == null;
    }
}
