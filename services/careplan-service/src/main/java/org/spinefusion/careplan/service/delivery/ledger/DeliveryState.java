package org.spinefusion.careplan.service.delivery.ledger;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The states of one resource's delivery to one endpoint, as {@code delivery.state} stores them, and the moves between
 * them. A new version of the resource, or a replay, makes any delivery pending again; an attempt's outcome moves a
 * delivery on from pending or parked (which is retried); a dead letter, a cancelled message and a type the endpoint
 * does not take move only back to pending.
 */
public enum DeliveryState {
    /** To be sent: an execution is scheduled. Attempts that neither land nor give up keep it pending. */
    PENDING("pending"),
    /** The EHR holds the pending version; the ledger has its id and version. */
    DELIVERED("delivered"),
    /** Waiting for the EHR's side (a Patient it lacks, an edit there, a dependency parked); retried, visible. */
    PARKED("parked"),
    /** Will not heal by retrying: kept with the EHR's answer until replayed. */
    DEAD("dead"),
    /** A planned message set to not-done before it was ever sent. */
    CANCELLED("cancelled"),
    /** The endpoint takes no such resource (or the resource is gone). */
    NOT_APPLICABLE("not-applicable");

    private final String code;

    DeliveryState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static DeliveryState fromCode(String code) {
        return Arrays.stream(values())
                .filter(state -> state.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no delivery state " + code));
    }

    /** Whether a delivery in this state may move to {@code next} (staying is a move too, where it is allowed). */
    public boolean canBecome(DeliveryState next) {
        if (next == PENDING) {
            return true;
        }
        return attempted().contains(this);
    }

    /** Dead or parked: held for an operator or the EHR's side, with a {@link HoldReason}. */
    public boolean held() {
        return this == DEAD || this == PARKED;
    }

    /** The states from which a delivery may move to {@code next}. */
    static Set<DeliveryState> into(DeliveryState next) {
        EnumSet<DeliveryState> from = EnumSet.noneOf(DeliveryState.class);
        for (DeliveryState state : values()) {
            if (state.canBecome(next)) {
                from.add(state);
            }
        }
        return from;
    }

    /**
     * The states an attempt runs in, and so the states its outcome moves out of: pending, parked (retried), and
     * delivered while a note's second step (marking the previous note superseded) is still to be done.
     */
    private static Set<DeliveryState> attempted() {
        return EnumSet.of(PENDING, PARKED, DELIVERED);
    }
}
