package org.spinefusion.careplan.pathway.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.spinefusion.careplan.pathway.ApplyResult;
import org.spinefusion.careplan.pathway.EpisodeProblem;
import org.spinefusion.careplan.pathway.definition.ActionDefinition;
import org.spinefusion.careplan.pathway.definition.Offset;
import org.spinefusion.careplan.pathway.fhirpath.FhirPathConditions;

/** Makes every resource of one episode's plan from the compiled pathway. */
public final class PlanMaker {

    private final FhirPathConditions conditions;
    private final GoalFactory goals = new GoalFactory();
    private final QuestionnaireTailor tailor;
    private final EducationMessages messages = new EducationMessages();
    private final CarePlanFactory carePlans = new CarePlanFactory();
    private final ProvenanceFactory provenances = new ProvenanceFactory();

    public PlanMaker(FhirPathConditions conditions) {
        this.conditions = conditions;
        this.tailor = new QuestionnaireTailor(conditions);
    }

    public ApplyResult make(PlanContext plan) {
        List<ScheduledAction> scheduled = schedule(plan);
        Map<String, Goal> goalsById = new LinkedHashMap<>();
        List<Goal> goalList = goals.goals(plan, scheduled);
        for (int i = 0; i < goalList.size(); i++) {
            goalsById.put(plan.pathway().goals().get(i).id(), goalList.get(i));
        }
        Map<String, Questionnaire> tailored = new LinkedHashMap<>();
        List<Resource> definitionsUsed = new ArrayList<>();
        definitionsUsed.add(plan.pathway().planDefinition());
        for (ScheduledAction action : scheduled) {
            Resource definition = action.action().questionnaire() != null
                    ? action.action().questionnaire()
                    : action.action().activityDefinition();
            if (!definitionsUsed.contains(definition)) {
                definitionsUsed.add(definition);
            }
            Questionnaire base = action.action().questionnaire();
            if (base != null) {
                tailored.computeIfAbsent(base.getUrl(), url -> tailor.tailor(plan, base));
            }
        }
        List<ScheduledAction> educationActions =
                scheduled.stream().filter(s -> s.action().isEducation()).toList();
        Map<String, MessageTimetable.Slot> slots = MessageTimetable.slots(plan, educationActions);
        CarePlan carePlan = carePlans.carePlan(plan, scheduled, goalsById, tailored, slots.values());
        Reference carePlanReference = new Reference("CarePlan/" + carePlan.getIdPart());
        List<Communication> education = educationActions.stream()
                .map(s -> messages.message(plan, s, slots.get(s.action().id()), carePlanReference))
                .toList();
        List<Resource> targets = new ArrayList<>(goalList);
        targets.addAll(tailored.values());
        targets.add(carePlan);
        targets.addAll(education);
        Provenance provenance = provenances.provenance(plan, targets, definitionsUsed);
        return new ApplyResult(
                plan.episode(),
                carePlan,
                goalList,
                List.copyOf(tailored.values()),
                education,
                provenance,
                lateEnrolment(plan));
    }

    /** A surgery further back than the pathway's late-enrolment limit: too late to plan its recovery. */
    private static EpisodeProblem lateEnrolment(PlanContext plan) {
        Enrolment enrolment = Enrolment.of(plan);
        Offset.Amount limit = plan.pathway().lateEnrolmentLimit();
        if (plan.cancelled() || !enrolment.enrolledOn().isAfter(limit.from(enrolment.surgeryDate()))) {
            return null;
        }
        return new EpisodeProblem(
                "business-rule",
                "ServiceRequest.occurrence",
                "the surgery on " + enrolment.surgeryDate() + " is more than " + limit.value() + " " + limit.unit()
                        + " before enrolment (" + enrolment.enrolledOn() + "): too late to join this pathway; "
                        + "plan the remaining follow-up directly");
    }

    private List<ScheduledAction> schedule(PlanContext plan) {
        Map<String, ServiceRequest> variables = Map.of("surgery", plan.episode().request());
        List<ScheduledAction> scheduled = new ArrayList<>();
        for (ActionDefinition action : plan.pathway().actions()) {
            if (applies(action, variables)) {
                scheduled.add(new ScheduledAction(
                        action,
                        action.offset().start(plan.episode().surgeryDate()),
                        action.offset().end(plan.episode().surgeryDate())));
            }
        }
        return scheduled;
    }

    private boolean applies(ActionDefinition action, Map<String, ServiceRequest> variables) {
        ServiceRequest surgery = variables.get("surgery");
        return action.conditions().stream().allMatch(c -> conditions.isTrue(c, surgery, variables));
    }
}
