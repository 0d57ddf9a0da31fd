package org.spinefusion.careplan.pathway.definition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionGoalComponent;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.PathwayPackage;
import org.spinefusion.careplan.pathway.fhirpath.FhirPathConditions;

/** Reads a pathway PlanDefinition and everything it points at into a {@link CompiledPathway}. */
public final class PathwayCompiler {

    /** The CodeSystem property that names a code which cannot be true of the same episode. */
    static final String EXCLUDES = "excludes";

    private final PathwayPackage pathwayPackage;
    private final FhirPathConditions conditions;

    public PathwayCompiler(PathwayPackage pathwayPackage, FhirPathConditions conditions) {
        this.pathwayPackage = pathwayPackage;
        this.conditions = conditions;
    }

    public CompiledPathway compile(PlanDefinition plan) {
        List<ActionDefinition> actions = new ArrayList<>();
        Map<String, Resource> definitions = new LinkedHashMap<>();
        definitions.put(plan.getUrl(), plan);
        int order = 0;
        for (PlanDefinitionActionComponent phaseAction : plan.getAction()) {
            ActionDefinition.Phase phase =
                    new ActionDefinition.Phase(phaseAction.getId(), phaseAction.getTitle(), order++);
            for (PlanDefinitionActionComponent action : phaseAction.getAction()) {
                ActionDefinition compiled = compileAction(phase, action);
                actions.add(compiled);
                Resource definition =
                        compiled.questionnaire() != null ? compiled.questionnaire() : compiled.activityDefinition();
                definitions.putIfAbsent(compiled.definitionCanonical(), definition);
            }
        }
        List<Questionnaire> questionnaires = actions.stream()
                .map(ActionDefinition::questionnaire)
                .filter(q -> q != null)
                .distinct()
                .toList();
        return new CompiledPathway(
                plan,
                List.copyOf(actions),
                plan.getGoal().stream().map(this::compileGoal).toList(),
                questionnaires,
                List.copyOf(definitions.values()),
                valueSetCodes(Canonicals.VS_PROCEDURE),
                codeSystemCodes(Canonicals.CS_SPINAL_REGION),
                codeSystemCodes(Canonicals.CS_EPISODE_DETAIL),
                displays(Canonicals.CS_EPISODE_DETAIL),
                exclusivePairs(Canonicals.CS_EPISODE_DETAIL),
                messagesPerDay(plan),
                lateEnrolmentLimit(plan));
    }

    private static int messagesPerDay(PlanDefinition plan) {
        Extension cap = plan.getExtensionByUrl(Canonicals.EXT_MESSAGES_PER_DAY);
        if (cap == null || !(cap.getValue() instanceof PositiveIntType value) || value.getValue() == null) {
            throw new PathwayDefinitionException(
                    "PlanDefinition " + plan.getId() + " has no " + Canonicals.EXT_MESSAGES_PER_DAY);
        }
        return value.getValue();
    }

    private static Offset.Amount lateEnrolmentLimit(PlanDefinition plan) {
        Extension limit = plan.getExtensionByUrl(Canonicals.EXT_LATE_ENROLMENT_LIMIT);
        if (limit == null || !(limit.getValue() instanceof Duration duration)) {
            throw new PathwayDefinitionException(
                    "PlanDefinition " + plan.getId() + " has no " + Canonicals.EXT_LATE_ENROLMENT_LIMIT);
        }
        return Offset.Amount.of(duration, 1, "late-enrolment-limit");
    }

    private ActionDefinition compileAction(ActionDefinition.Phase phase, PlanDefinitionActionComponent action) {
        String where = "PlanDefinition action " + action.getId();
        if (!action.hasId()) {
            throw new PathwayDefinitionException("a PlanDefinition action in " + phase.id() + " has no id");
        }
        Offset offset = ActionDefinition.SURGERY.equals(action.getId()) || !action.hasRelatedAction()
                ? Offset.SAME_DAY
                : Offset.of(action.getRelatedActionFirstRep(), where);
        List<String> conditionExpressions = new ArrayList<>();
        for (PlanDefinition.PlanDefinitionActionConditionComponent condition : action.getCondition()) {
            String expression = condition.getExpression().getExpression();
            conditions.parse(expression);
            conditionExpressions.add(expression);
        }
        String canonical = action.getDefinition() instanceof CanonicalType type ? type.getValue() : null;
        if (canonical == null) {
            throw new PathwayDefinitionException(where + " has no definitionCanonical");
        }
        Questionnaire questionnaire =
                pathwayPackage.byCanonical(canonical, Questionnaire.class).orElse(null);
        ActivityDefinition activity =
                pathwayPackage.byCanonical(canonical, ActivityDefinition.class).orElse(null);
        if (questionnaire == null && activity == null) {
            throw new PathwayDefinitionException(where + " points at " + canonical + ", which the package lacks");
        }
        PlanDefinition.PlanDefinitionActionParticipantComponent participant = action.getParticipantFirstRep();
        return new ActionDefinition(
                action.getId(),
                phase,
                action.getTitle(),
                action.getDescription(),
                action.getCodeFirstRep(),
                offset,
                action.hasTimingTiming() ? action.getTimingTiming() : null,
                participant.getRole(),
                participant.hasType() ? participant.getType().toCode() : null,
                activity,
                questionnaire,
                action.getGoalId().stream().map(IdType::getValue).toList(),
                List.copyOf(conditionExpressions));
    }

    private GoalDefinition compileGoal(PlanDefinitionGoalComponent goal) {
        String where = "PlanDefinition goal " + goal.getId();
        if (!goal.hasTarget() || !goal.getTargetFirstRep().hasDue()) {
            throw new PathwayDefinitionException(where + " has no target.due");
        }
        Offset due = new Offset(Offset.Amount.of(goal.getTargetFirstRep().getDue(), 1, where), null);
        List<String> dueWith = goal.getExtensionsByUrl(Canonicals.EXT_GOAL_DUE_WITH).stream()
                .map(e -> e.getValue().primitiveValue())
                .toList();
        return new GoalDefinition(
                goal.getId(), goal.getCategory(), goal.getDescription(), goal.getPriority(), due, dueWith);
    }

    private Set<String> valueSetCodes(String url) {
        ValueSet valueSet = pathwayPackage
                .byCanonical(url, ValueSet.class)
                .orElseThrow(() -> new PathwayDefinitionException("the package lacks " + url));
        Set<String> codes = new HashSet<>();
        for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
            if (include.hasConcept()) {
                include.getConcept().forEach(c -> codes.add(include.getSystem() + "|" + c.getCode()));
            } else {
                codes.addAll(codeSystemCodes(include.getSystem()));
            }
        }
        return Set.copyOf(codes);
    }

    private Map<String, String> displays(String url) {
        Map<String, String> displays = new LinkedHashMap<>();
        pathwayPackage
                .byCanonical(url, CodeSystem.class)
                .orElseThrow(() -> new PathwayDefinitionException("the package lacks " + url))
                .getConcept()
                .forEach(c -> displays.put(c.getCode(), c.hasDisplay() ? c.getDisplay() : c.getCode()));
        return Map.copyOf(displays);
    }

    /**
     * The pairs of codes that exclude each other (property {@code excludes}). Policy, so data: the engine refuses an
     * episode that gives both codes of a pair. A pair named from one side only counts as well.
     */
    private List<List<String>> exclusivePairs(String url) {
        Set<List<String>> pairs = new TreeSet<>(
                Comparator.<List<String>, String>comparing(pair -> pair.get(0)).thenComparing(pair -> pair.get(1)));
        CodeSystem codeSystem = pathwayPackage
                .byCanonical(url, CodeSystem.class)
                .orElseThrow(() -> new PathwayDefinitionException("the package lacks " + url));
        Set<String> known = new HashSet<>();
        codeSystem.getConcept().forEach(concept -> known.add(concept.getCode()));
        for (CodeSystem.ConceptDefinitionComponent concept : codeSystem.getConcept()) {
            for (CodeSystem.ConceptPropertyComponent property : concept.getProperty()) {
                if (!EXCLUDES.equals(property.getCode())) {
                    continue;
                }
                String other = property.getValue().primitiveValue();
                if (!known.contains(other) || other.equals(concept.getCode())) {
                    throw new PathwayDefinitionException(
                            url + " concept " + concept.getCode() + " excludes " + other + ", which is no other code");
                }
                pairs.add(
                        concept.getCode().compareTo(other) < 0
                                ? List.of(concept.getCode(), other)
                                : List.of(other, concept.getCode()));
            }
        }
        return List.copyOf(pairs);
    }

    private Set<String> codeSystemCodes(String url) {
        CodeSystem codeSystem = pathwayPackage
                .byCanonical(url, CodeSystem.class)
                .orElseThrow(() -> new PathwayDefinitionException("the package lacks " + url));
        Set<String> codes = new HashSet<>();
        collect(url, codeSystem.getConcept(), codes);
        return Set.copyOf(codes);
    }

    private static void collect(String system, List<CodeSystem.ConceptDefinitionComponent> concepts, Set<String> into) {
        for (CodeSystem.ConceptDefinitionComponent concept : concepts) {
            into.add(system + "|" + concept.getCode());
            collect(system, concept.getConcept(), into);
        }
    }
}
