package org.spinefusion.careplan.service.delivery.ledger;

/**
 * What one attempt records in the ledger, each with the state it moves the delivery to ({@code null}: the state
 * stays, as for an attempt with no outcome yet or one to retry). {@link DeliveryLedger#record} writes any of them in
 * one statement, and only from a state {@link DeliveryState#canBecome} allows.
 */
public sealed interface Transition {

    DeliveryState to();

    /** Given back without an outcome (not due yet, rate limited, waiting for a dependency). */
    record Released(boolean inFlight) implements Transition {
        @Override
        public DeliveryState to() {
            return null;
        }
    }

    /** A failed attempt to retry; {@code inFlight} when the EHR may have acted on it. {@code reason} is for metrics. */
    record Retry(Integer status, String error, String reason, boolean inFlight) implements Transition {
        @Override
        public DeliveryState to() {
            return null;
        }
    }

    /** The EHR holds {@code version} as {@code ehrId} (delivered when that is the pending version). */
    record Delivered(int version, String targetType, String ehrId, String ehrVersion) implements Transition {
        @Override
        public DeliveryState to() {
            return DeliveryState.DELIVERED;
        }
    }

    record Parked(HoldReason reason, Integer status, String text) implements Transition {
        @Override
        public DeliveryState to() {
            return DeliveryState.PARKED;
        }
    }

    record Dead(HoldReason reason, Integer status, String error, String outcome) implements Transition {
        @Override
        public DeliveryState to() {
            return DeliveryState.DEAD;
        }
    }

    /** Nothing to send for this version: {@link DeliveryState#CANCELLED} or {@link DeliveryState#NOT_APPLICABLE}. */
    record Finished(DeliveryState state) implements Transition {
        public Finished {
            if (state != DeliveryState.CANCELLED && state != DeliveryState.NOT_APPLICABLE) {
                throw new IllegalArgumentException("an attempt finishes as cancelled or not-applicable, not " + state);
            }
        }

        @Override
        public DeliveryState to() {
            return state;
        }
    }
}
