package org.spinefusion.careplan.service.delivery.send;

import org.spinefusion.careplan.service.delivery.ledger.DeliveryKey;
import org.spinefusion.careplan.service.delivery.ledger.HoldReason;

/**
 * How one write to an EHR ended: the EHR's id (and version) on success; else its answer; or unreconcilable; or not
 * sent because a resource it references is still on its way there ({@code waitingFor}); or parked, for a reason only
 * the EHR's side can remove.
 */
public record WriteResult(
        String ehrId,
        String ehrVersion,
        EhrResponse failure,
        boolean unreconcilable,
        DeliveryKey waitingFor,
        String parked,
        HoldReason parkedFor) {

    static WriteResult delivered(String ehrId) {
        return new WriteResult(ehrId, null, null, false, null, null, null);
    }

    static WriteResult delivered(String ehrId, String ehrVersion) {
        return new WriteResult(ehrId, ehrVersion, null, false, null, null, null);
    }

    public static WriteResult failed(EhrResponse response) {
        return new WriteResult(null, null, response, false, null, null, null);
    }

    /** An earlier attempt may have reached the EHR, and the EHR offers no way to find out. */
    static WriteResult cannotReconcile() {
        return new WriteResult(null, null, null, true, null, null, null);
    }

    public static WriteResult waiting(DeliveryKey dependency) {
        return new WriteResult(null, null, null, false, dependency, null, null);
    }

    public static WriteResult parked(HoldReason reason, String text, EhrResponse response) {
        return new WriteResult(null, null, response, false, null, text, reason);
    }

    public boolean succeeded() {
        return ehrId != null;
    }
}
