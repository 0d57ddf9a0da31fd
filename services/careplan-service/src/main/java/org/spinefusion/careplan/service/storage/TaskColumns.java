package org.spinefusion.careplan.service.storage;

import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/** A Task's subject is its {@code for}; its code goes into the category tokens; its date is the execution period. */
@Component
class TaskColumns implements SearchColumns<Task> {

    @Override
    public Class<Task> type() {
        return Task.class;
    }

    @Override
    public SearchValues extract(Task task) {
        SearchValues.Builder values = new SearchValues.Builder()
                .subject(task.getFor())
                .status(task.hasStatus() ? task.getStatus().toCode() : null)
                .category(task.getCode())
                .identifiers(task.getIdentifier())
                .refs(task.getBasedOn())
                .refs(task.getPartOf())
                .ref(task.getFocus());
        if (task.hasExecutionPeriod()) {
            values.period(task.getExecutionPeriod());
        } else {
            values.date(task.getAuthoredOnElement());
        }
        return values.build();
    }
}
