package org.spinefusion.careplan.service.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.Priority;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Escalations above all routine traffic; within each, what is referenced ahead of what references it. */
class DeliveryPriorityTest {

    private static final List<String> REFERENCED_FIRST = List.of(
            "Goal", "Questionnaire", "CarePlan", "QuestionnaireResponse", "Observation", "Communication", "Task");

    @Test
    void everyEscalationOutranksEveryRoutineDelivery() {
        int lowestEscalation = REFERENCED_FIRST.stream()
                .mapToInt(type -> DeliveryClassifier.priority(true, type))
                .min()
                .orElseThrow();
        int highestRoutine = REFERENCED_FIRST.stream()
                .mapToInt(type -> DeliveryClassifier.priority(false, type))
                .max()
                .orElseThrow();
        assertThat(lowestEscalation).isGreaterThan(highestRoutine).isGreaterThanOrEqualTo(Priority.HIGH);
        assertThat(highestRoutine).isLessThan(Priority.MEDIUM);
    }

    @Test
    void aResourceGoesAheadOfWhatReferencesIt() {
        for (boolean escalation : new boolean[] {true, false}) {
            for (int i = 1; i < REFERENCED_FIRST.size(); i++) {
                assertThat(DeliveryClassifier.priority(escalation, REFERENCED_FIRST.get(i - 1)))
                        .as(REFERENCED_FIRST.get(i - 1) + " before " + REFERENCED_FIRST.get(i))
                        .isGreaterThan(DeliveryClassifier.priority(escalation, REFERENCED_FIRST.get(i)));
            }
        }
    }
}
