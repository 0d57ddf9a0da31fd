package org.spinefusion.careplan.service.escalation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.plan.EpisodeIds;
import org.spinefusion.careplan.service.escalation.EscalationWording.Text;
import org.spinefusion.careplan.service.storage.ResourceRepository;

/**
 * Milestone check-in answers move the matching Goal: an item coded {@code CodeSystem/recovery-milestone#<goal id>}
 * names the goal, its {@code milestone-progress} answer the achievement status.
 */
final class MilestoneProgress {

    static final String MILESTONE_SYSTEM = Canonicals.BASE + "/CodeSystem/recovery-milestone";
    private static final String ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement";
    private static final Map<String, String> ACHIEVEMENT_OF_PROGRESS = Map.of(
            "yes", "achieved", "partly", "improving", "not-yet", "in-progress", "not-applicable", "not-attainable");

    private MilestoneProgress() {}

    /** The Goals to save, with their new achievement status; Goals the response does not touch are left out. */
    static List<Goal> update(AcceptedResponse accepted, ResourceRepository resources, EscalationWording wording) {
        Map<String, String> progressByGoal = new LinkedHashMap<>();
        collect(
                accepted.response().getItem(),
                goalItems(accepted.questionnaire().getItem()),
                progressByGoal);
        EpisodeIds ids = new EpisodeIds(accepted.episode().episodeKey());
        List<Goal> goals = new ArrayList<>();
        if (progressByGoal.isEmpty()) {
            return goals;
        }
        Map<String, Goal> stored = new LinkedHashMap<>();
        resources
                .readCurrent(progressByGoal.keySet().stream()
                        .map(goalId -> "Goal/" + ids.goalId(goalId))
                        .toList())
                .forEach(goal -> stored.put(goal.getIdElement().getIdPart(), (Goal) goal));
        progressByGoal.forEach((goalId, progress) -> {
            Goal goal = stored.get(ids.goalId(goalId));
            String achievement = ACHIEVEMENT_OF_PROGRESS.get(progress);
            if (goal != null && achievement != null) {
                goal.setAchievementStatus(new CodeableConcept(new Coding(ACHIEVEMENT, achievement, null)));
                goal.setStatusDate(accepted.response().getAuthored());
                goal.setStatusReason(wording.text(
                        Text.GOAL_REPORTED,
                        "response",
                        "QuestionnaireResponse/"
                                + accepted.response().getIdElement().getIdPart()));
                goals.add(goal);
            }
        });
        return goals;
    }

    private static Map<String, String> goalItems(List<QuestionnaireItemComponent> items) {
        Map<String, String> goalByLinkId = new LinkedHashMap<>();
        for (QuestionnaireItemComponent item : items) {
            item.getCode().stream()
                    .filter(code -> MILESTONE_SYSTEM.equals(code.getSystem()))
                    .findFirst()
                    .ifPresent(code -> goalByLinkId.put(item.getLinkId(), code.getCode()));
            goalByLinkId.putAll(goalItems(item.getItem()));
        }
        return goalByLinkId;
    }

    private static void collect(
            List<QuestionnaireResponseItemComponent> items,
            Map<String, String> goalByLinkId,
            Map<String, String> into) {
        for (QuestionnaireResponseItemComponent item : items) {
            String goalId = goalByLinkId.get(item.getLinkId());
            if (goalId != null && item.hasAnswer() && item.getAnswerFirstRep().getValue() instanceof Coding answer) {
                into.put(goalId, answer.getCode());
            }
            collect(item.getItem(), goalByLinkId, into);
        }
    }
}
