package org.spinefusion.careplan.service.delivery.ledger;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a delivery is held for an operator, as the code the admin API shows and filters on. Dead letters will not heal
 * by retrying; parked deliveries wait for the EHR's side to change (and are retried meanwhile, except an edit at the
 * EHR, which waits for review).
 */
public enum HoldReason {
    /** Dead: the EHR refused the resource with a 4xx that retrying will not change; its OperationOutcome is kept. */
    REFUSED("refused"),
    /** Dead: an earlier attempt may have reached the EHR, which offers no way to find out. */
    UNRECONCILABLE("unreconcilable"),
    /** Parked: the EHR holds no Patient the resource is about. */
    MISSING_PATIENT("missing-patient"),
    /** Parked: the EHR's copy was edited since our version (If-Match conflict); not overwritten. */
    EDITED_AT_EHR("edited-at-ehr"),
    /** Parked: a resource it references is parked. */
    BEHIND_PARKED("behind-parked");

    private final String code;

    HoldReason(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    static Optional<HoldReason> fromCode(String code) {
        return Arrays.stream(values())
                .filter(reason -> reason.code.equals(code))
                .findFirst();
    }
}
