package org.spinefusion.careplan.service.delivery.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.spinefusion.careplan.service.delivery.DeliveryProperties;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.springframework.stereotype.Component;

/**
 * The copy of a resource an EHR receives: without our id and meta (the EHR assigns its own), with a delivery
 * identifier naming our resource, by which it is found again at the EHR after an ambiguous failure.
 */
@Component
public class OutgoingResources {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String system;

    OutgoingResources(DeliveryProperties properties) {
        this.system = properties.identifierSystem();
    }

    /** The identifier the resource carries at the EHR. */
    public Identifier identifier(Resource resource) {
        if (resource instanceof QuestionnaireResponse response && response.hasIdentifier()) {
            return response.getIdentifier();
        }
        return new Identifier().setSystem(system).setValue(resource.fhirType() + "/" + resource.getIdPart());
    }

    public Identifier noteIdentifier(CarePlan plan, int version) {
        return new Identifier().setSystem(system).setValue("CarePlan/" + plan.getIdPart() + "/_history/" + version);
    }

    public Resource copy(Resource resource) {
        Resource out = resource.copy();
        out.setId((String) null);
        out.setMeta(null);
        Identifier identifier = identifier(resource);
        if (out instanceof CarePlan plan) {
            plan.addIdentifier(identifier);
        } else if (out instanceof Goal goal) {
            goal.addIdentifier(identifier);
        } else if (out instanceof Communication message) {
            message.addIdentifier(identifier);
        } else if (out instanceof Questionnaire questionnaire) {
            questionnaire.addIdentifier(identifier);
        } else if (out instanceof QuestionnaireResponse response) {
            response.setIdentifier(identifier);
        } else if (out instanceof Task task) {
            task.addIdentifier(identifier);
        } else if (out instanceof Observation observation) {
            observation.addIdentifier(identifier);
        }
        return out;
    }

    /**
     * The same copy from the stored JSON, without parsing it into a resource (the narrative's XHTML alone would cost
     * more than all the rest): what a transaction sends.
     */
    public ObjectNode copy(ResourceRepository.StoredVersionJson stored) {
        ObjectNode out;
        try {
            out = (ObjectNode) JSON.readTree(stored.json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON of " + stored.type() + "/" + stored.id() + " unreadable", e);
        }
        out.remove("id");
        out.remove("meta");
        if (stored.type().equals("QuestionnaireResponse")) {
            if (!out.has("identifier")) {
                identifierOf(out.putObject("identifier"), stored);
            }
        } else {
            identifierOf(out.withArray("identifier").addObject(), stored);
        }
        return out;
    }

    private void identifierOf(ObjectNode identifier, ResourceRepository.StoredVersionJson stored) {
        identifier.put("system", system).put("value", stored.type() + "/" + stored.id());
    }

    public static String token(Identifier identifier) {
        return identifier.getSystem() + "|" + identifier.getValue();
    }
}
