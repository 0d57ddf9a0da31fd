package org.spinefusion.careplan.service.delivery;

import java.time.Instant;

/** One row of {@code delivery}: the status and ledger entry of one resource at one endpoint. */
record DeliveryRow(
        String endpointId,
        String type,
        String id,
        String state,
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
        String holdReason) {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String DEAD = "dead";
    static final String CANCELLED = "cancelled";
    static final String NOT_APPLICABLE = "not-applicable";
    /** Waiting for something only the EHR's side can fix (its Patient missing, its copy edited); reason in lastError. */
    static final String PARKED = "parked";

    /** Dead or parked: waiting for an operator or the EHR's side, with the reason in {@code holdReason}. */
    boolean held() {
        return DEAD.equals(state) || PARKED.equals(state);
    }

    /** True when the EHR holds {@code version} or a later one, with nothing left to finish. */
    boolean holds(int version) {
        return deliveredVersion != null && deliveredVersion >= version && supersededEhrId == null;
    }
}
