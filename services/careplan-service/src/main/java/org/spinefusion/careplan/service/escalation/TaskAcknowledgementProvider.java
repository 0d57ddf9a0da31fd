package org.spinefusion.careplan.service.escalation;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.spinefusion.careplan.service.security.SignedInUser;
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

    /**
     * When the token names the person acting ({@code fhirUser}), they are the owner of the acknowledged Task, whatever
     * the body says: the record of who acknowledged comes from the authorization server, not from the client.
     */
    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Task task) {
        SignedInUser.fhirUser()
                .ifPresent(user -> task.setOwner(new Reference(user)
                        .setDisplay(
                                task.hasOwner() && user.equals(task.getOwner().getReference())
                                        ? task.getOwner().getDisplay()
                                        : null)));
        Task stored = acknowledgements.acknowledge(id, task);
        return new MethodOutcome(stored.getIdElement(), false).setResource(stored);
    }
}
