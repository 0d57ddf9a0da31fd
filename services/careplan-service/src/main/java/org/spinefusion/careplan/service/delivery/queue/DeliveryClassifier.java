package org.spinefusion.careplan.service.delivery.queue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import com.github.kagkarlsson.scheduler.task.Priority;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

/** What delivery needs to know of a resource: whether it goes out, to whose endpoints, how urgently, and when. */
public final class DeliveryClassifier {

    public static final Set<String> DELIVERABLE = Set.of(
            "CarePlan", "Goal", "Questionnaire", "Communication", "QuestionnaireResponse", "Task", "Observation");
    static final String PLANNED_SEND_TIME =
            "http://careplan.spinefusion.org/fhir/StructureDefinition/planned-send-time";
    private static final Set<String> URGENT = Set.of("stat", "asap", "urgent");
    private static final List<String> DEPENDENCY_ORDER = List.of(
            "Goal", "Questionnaire", "CarePlan", "QuestionnaireResponse", "Observation", "Communication", "Task");

    private final FhirTerser terser;

    public DeliveryClassifier(FhirContext fhir) {
        this.terser = fhir.newTerser();
    }

    String patient(Resource resource) {
        Reference subject = null;
        if (resource instanceof CarePlan plan) {
            subject = plan.getSubject();
        } else if (resource instanceof Goal goal) {
            subject = goal.getSubject();
        } else if (resource instanceof Communication message) {
            subject = message.getSubject();
        } else if (resource instanceof QuestionnaireResponse response) {
            subject = response.getSubject();
        } else if (resource instanceof Task task) {
            subject = task.getFor();
        } else if (resource instanceof Observation observation) {
            subject = observation.getSubject();
        }
        return subject == null || !subject.hasReference() ? null : subject.getReference();
    }

    /** Every literal reference in the resource, for routing by organization. */
    List<String> references(Resource resource) {
        return terser.getAllPopulatedChildElementsOfType(resource, Reference.class).stream()
                .filter(Reference::hasReference)
                .map(Reference::getReference)
                .toList();
    }

    /**
     * Escalations (alerts, or priority stat, asap or urgent, and their acknowledgement Tasks) go ahead of routine
     * traffic.
     */
    public boolean escalation(Resource resource) {
        if (resource instanceof Task task) {
            return task.hasPriority() && URGENT.contains(task.getPriority().toCode());
        }
        if (!(resource instanceof Communication message)) {
            return false;
        }
        boolean alert = message.getCategory().stream()
                .flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> "alert".equals(c.getCode()));
        return alert
                || (message.hasPriority()
                        && URGENT.contains(message.getPriority().toCode()));
    }

    /**
     * Escalations well above routine traffic; within each, what others reference ahead of what references it (a plan's
     * Goals before the plan, the plan before its messages, an alert's response and Observations before the alert), so
     * a batch the scheduler picks rarely holds a resource whose dependency another thread is still sending.
     */
    static int priority(boolean escalation, String type) {
        int rank = DEPENDENCY_ORDER.indexOf(type);
        int leavesFirst = DEPENDENCY_ORDER.size() - 1 - Math.max(rank, 0);
        return (escalation ? Priority.HIGH : Priority.LOW) + leavesFirst;
    }

    /** The deliverable types in the order their dependencies can go. */
    public static List<String> dependencyOrder() {
        return DEPENDENCY_ORDER;
    }

    /** The order in which dependencies can go: each type references only types before it (besides the Patient). */
    public static int dependencyRank(String type) {
        return DEPENDENCY_ORDER.indexOf(type);
    }

    /** A planned message (status preparation) falls due at its planned send time. */
    public Optional<Instant> sendTime(Resource resource) {
        if (resource instanceof Communication message
                && message.getStatus() == Communication.CommunicationStatus.PREPARATION
                && message.getExtensionByUrl(PLANNED_SEND_TIME) != null) {
            DateTimeType planned =
                    (DateTimeType) message.getExtensionByUrl(PLANNED_SEND_TIME).getValue();
            return Optional.ofNullable(planned.getValue()).map(java.util.Date::toInstant);
        }
        return Optional.empty();
    }
}
