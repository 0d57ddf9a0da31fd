package org.spinefusion.careplan.service.delivery.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class DeliveryStateTest {

    @Test
    void aDeadLetterMovesOnlyBackToPending() {
        for (DeliveryState next : DeliveryState.values()) {
            assertThat(DeliveryState.DEAD.canBecome(next))
                    .as("dead -> %s", next)
                    .isEqualTo(next == DeliveryState.PENDING);
        }
    }

    @Test
    void anAttemptsOutcomeMovesOnlyFromTheStatesAnAttemptRunsIn() {
        assertThat(DeliveryState.into(DeliveryState.DEAD))
                .isEqualTo(EnumSet.of(DeliveryState.PENDING, DeliveryState.PARKED, DeliveryState.DELIVERED));
        assertThat(DeliveryState.into(DeliveryState.DELIVERED))
                .doesNotContain(DeliveryState.DEAD, DeliveryState.CANCELLED);
        assertThat(DeliveryState.into(DeliveryState.PENDING)).isEqualTo(EnumSet.allOf(DeliveryState.class));
        assertThat(DeliveryState.NOT_APPLICABLE.canBecome(DeliveryState.DELIVERED))
                .isFalse();
    }

    @Test
    void statesAreStoredByTheirCodesAndOnlyDeadAndParkedAreHeld() {
        for (DeliveryState state : DeliveryState.values()) {
            assertThat(DeliveryState.fromCode(state.code())).isEqualTo(state);
        }
        assertThat(DeliveryState.fromCode("not-applicable")).isEqualTo(DeliveryState.NOT_APPLICABLE);
        assertThatThrownBy(() -> DeliveryState.fromCode("lost")).isInstanceOf(IllegalArgumentException.class);
        assertThat(EnumSet.allOf(DeliveryState.class).stream().filter(DeliveryState::held))
                .containsExactlyInAnyOrder(DeliveryState.DEAD, DeliveryState.PARKED);
    }

    @Test
    void anAttemptFinishesOnlyAsCancelledOrNotApplicable() {
        assertThat(new Transition.Finished(DeliveryState.CANCELLED).to()).isEqualTo(DeliveryState.CANCELLED);
        assertThatThrownBy(() -> new Transition.Finished(DeliveryState.DELIVERED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
