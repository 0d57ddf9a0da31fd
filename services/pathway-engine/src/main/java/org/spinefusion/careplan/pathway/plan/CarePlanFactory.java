package org.spinefusion.careplan.pathway.plan;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityDetailComponent;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityKind;
import org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Timing;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.definition.ActionDefinition;

/**
 * The CarePlan: one activity per applicable pathway action, each with its real dates, linked to the milestones
 * it serves. Its narrative is the plan a clinician reviews in the EHR.
 */
final class CarePlanFactory {

    static final String US_CORE_CAREPLAN_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/careplan-category";

    private final CareTeamFactory careTeams = new CareTeamFactory();

    CarePlan carePlan(
            PlanContext plan,
            List<ScheduledAction> scheduled,
            Map<String, Goal> goalsById,
            Map<String, Questionnaire> tailoredByBaseUrl,
            Collection<MessageTimetable.Slot> messageSlots) {
        CarePlan carePlan = new CarePlan();
        carePlan.setId(plan.ids().carePlanId());
        carePlan.getMeta().addProfile(Canonicals.PROFILE_CAREPLAN);
        carePlan.addIdentifier(plan.ids().carePlanIdentifier());
        carePlan.addInstantiatesCanonical(plan.pathway().canonical());
        carePlan.setStatus(plan.cancelled() ? CarePlan.CarePlanStatus.REVOKED : CarePlan.CarePlanStatus.ACTIVE);
        carePlan.setIntent(CarePlan.CarePlanIntent.PLAN);
        carePlan.addCategory(new CodeableConcept()
                .addCoding(new Coding(US_CORE_CAREPLAN_CATEGORY, "assess-plan", "Assessment and Plan of Treatment")));
        carePlan.addCategory(
                new CodeableConcept().addCoding(new Coding("http://snomed.info/sct", "734163000", "Care plan")));
        carePlan.setTitle(PlanTitles.title(plan));
        carePlan.setDescription(plan.pathway().planDefinition().getUsage());
        carePlan.setSubject(plan.patient());
        if (plan.request().encounter() != null && plan.request().encounter().hasReference()) {
            carePlan.setEncounter(plan.request().encounter().copy());
        }
        if (plan.request().practitioner() != null
                && plan.request().practitioner().hasReference()) {
            carePlan.setAuthor(plan.request().practitioner().copy());
        }
        carePlan.addContained(careTeams.careTeam(plan));
        carePlan.addCareTeam(new Reference("#" + CareTeamFactory.CONTAINED_ID));
        carePlan.addSupportingInfo(new Reference()
                .setType("ServiceRequest")
                .setIdentifier(plan.episode().request().getIdentifierFirstRep().copy())
                .setDisplay("Surgery request"));
        carePlan.setPeriod(period(plan, scheduled));
        goalsById.values().forEach(goal -> carePlan.addGoal(new Reference("Goal/" + goal.getIdPart())));
        Enrolment enrolment = Enrolment.of(plan);
        carePlan.setCreatedElement(new DateTimeType(enrolment.enrolledOn().toString()));
        for (ScheduledAction action : scheduled) {
            addActivity(plan, enrolment, carePlan, action, goalsById, tailoredByBaseUrl);
        }
        Optional<String> lateEnrolment = LateEnrolmentNote.of(plan, enrolment, scheduled, messageSlots);
        lateEnrolment.ifPresent(text -> carePlan.addNote().setText(text));
        carePlan.setText(CarePlanNarrative.of(plan, scheduled, goalsById.values(), lateEnrolment));
        return carePlan;
    }

    private static void addActivity(
            PlanContext plan,
            Enrolment enrolment,
            CarePlan carePlan,
            ScheduledAction scheduled,
            Map<String, Goal> goalsById,
            Map<String, Questionnaire> tailoredByBaseUrl) {
        ActionDefinition action = scheduled.action();
        CarePlan.CarePlanActivityComponent activity = carePlan.addActivity();
        activity.addExtension(Canonicals.EXT_ACTIVITY_IDENTIFIER, plan.ids().activityIdentifier(action.id()));
        CarePlanActivityDetailComponent detail = activity.getDetail();
        if (action.questionnaire() != null) {
            Questionnaire tailored =
                    tailoredByBaseUrl.get(action.questionnaire().getUrl());
            detail.setKind(CarePlanActivityKind.TASK);
            detail.addInstantiatesCanonical(tailored.getUrl() + "|" + tailored.getVersion());
        } else {
            detail.setKind(CarePlanActivityKind.fromCode(
                    action.activityDefinition().getKind().toCode()));
            detail.addInstantiatesCanonical(action.definitionCanonical());
        }
        detail.setCode(code(plan, action));
        setStatus(detail, plan, enrolment, scheduled);
        detail.setDescription(action.description());
        detail.setScheduled(schedule(scheduled));
        if (action.performerRole() != null && !action.performerRole().isEmpty()) {
            detail.addPerformer(new Reference().setDisplay(roleName(action.performerRole())));
        }
        for (String goalId : action.goalIds()) {
            Goal goal = goalsById.get(goalId);
            if (goal != null) {
                detail.addGoal(new Reference("Goal/" + goal.getIdPart()));
            }
        }
    }

    /**
     * Scheduled, unless the surgery was cancelled or the activity's whole window lay before the day the plan was
     * made: then a step before the operation is cancelled (it can no longer happen as planned), and a later one
     * is unknown (it may have happened; this plan did not follow it).
     */
    private static void setStatus(
            CarePlanActivityDetailComponent detail, PlanContext plan, Enrolment enrolment, ScheduledAction action) {
        if (plan.cancelled()) {
            detail.setStatus(CarePlanActivityStatus.CANCELLED);
        } else if (!enrolment.passed(action)) {
            detail.setStatus(CarePlanActivityStatus.SCHEDULED);
        } else if (Enrolment.beforeSurgery(action, enrolment.surgeryDate())) {
            detail.setStatus(CarePlanActivityStatus.CANCELLED);
            detail.setStatusReason(new CodeableConcept()
                    .setText("not scheduled: the patient joined the plan on " + enrolment.enrolledOn()
                            + ", after the time for this step before the operation"));
        } else {
            detail.setStatus(CarePlanActivityStatus.UNKNOWN);
            detail.setStatusReason(new CodeableConcept()
                    .setText("its time was over before the patient joined the plan on " + enrolment.enrolledOn()
                            + "; not followed by this plan"));
        }
    }

    /**
     * What the activity is, with its own title as the text so that each row reads differently (several follow-up
     * visits share one code); the operation carries the procedure the surgery request orders.
     */
    private static CodeableConcept code(PlanContext plan, ActionDefinition action) {
        CodeableConcept code = ActionDefinition.SURGERY.equals(action.id())
                ? plan.episode().request().getCode().copy()
                : action.code().copy();
        return code.setText(action.title());
    }

    static String roleName(CodeableConcept role) {
        if (role.hasText()) {
            return role.getText();
        }
        Coding coding = role.getCodingFirstRep();
        return coding.hasDisplay() ? coding.getDisplay() : coding.getCode();
    }

    private static org.hl7.fhir.r4.model.Type schedule(ScheduledAction scheduled) {
        Period window = new Period()
                .setStartElement(new DateTimeType(scheduled.start().toString()))
                .setEndElement(
                        new DateTimeType((scheduled.end() == null ? scheduled.start() : scheduled.end()).toString()));
        if (scheduled.action().repeat() == null) {
            return window;
        }
        Timing timing = scheduled.action().repeat().copy();
        timing.getRepeat().setBounds(window);
        return timing;
    }

    private static Period period(PlanContext plan, List<ScheduledAction> scheduled) {
        LocalDate start = scheduled.stream()
                .map(ScheduledAction::start)
                .min(Comparator.naturalOrder())
                .orElse(plan.episode().surgeryDate());
        LocalDate end = scheduled.stream()
                .map(s -> s.end() == null ? s.start() : s.end())
                .max(Comparator.naturalOrder())
                .orElse(plan.episode().surgeryDate());
        return new Period()
                .setStartElement(new DateTimeType(start.toString()))
                .setEndElement(new DateTimeType(end.toString()));
    }
}
