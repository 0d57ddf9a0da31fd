package org.spinefusion.careplan.service.delivery;

/** How one write to an EHR ended: the EHR's id on success, else its answer, or unreconcilable. */
record WriteResult(String ehrId, EhrResponse failure, boolean unreconcilable) {

    static WriteResult delivered(String ehrId) {
        return new WriteResult(ehrId, null, false);
    }

    static WriteResult failed(EhrResponse response) {
        return new WriteResult(null, response, false);
    }

    /** An earlier attempt may have reached the EHR, and the EHR offers no way to find out. */
    static WriteResult cannotReconcile() {
        return new WriteResult(null, null, true);
    }

    boolean succeeded() {
        return ehrId != null;
    }
}
