package org.spinefusion.careplan.service.escalation;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/** {@code PUT [base]/Task/{id}}: the care team acknowledges an escalation by moving its Task to accepted. */
@Component
class TaskAcknowledgementProvider implements IResourceProvider {

    private final Acknowledgements acknowledgements;

    TaskAcknowledgementProvider(Acknowledgements acknowledgements) {
        this.acknowledgements = acknowledgements;
    }

    @Override
    public Class<Task> getResourceType() {
        return Task.class;
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Task task) {
        Task stored = acknowledgements.acknowledge(id, task);
        return new MethodOutcome(stored.getIdElement(), false).setResource(stored);
    }
}
