package org.spinefusion.careplan.service.storage;

import org.hl7.fhir.r4.model.Goal;
import org.springframework.stereotype.Component;

/** A Goal's date is the span of its target due dates. */
@Component
class GoalColumns implements SearchColumns<Goal> {

    @Override
    public Class<Goal> type() {
        return Goal.class;
    }

    @Override
    public SearchValues extract(Goal goal) {
        SearchValues.Builder values = new SearchValues.Builder()
                .subject(goal.getSubject())
                .status(goal.hasLifecycleStatus() ? goal.getLifecycleStatus().toCode() : null)
                .categories(goal.getCategory())
                .identifiers(goal.getIdentifier());
        goal.getTarget().stream()
                .filter(Goal.GoalTargetComponent::hasDueDateType)
                .forEach(target -> values.date(target.getDueDateType()));
        return values.build();
    }
}
