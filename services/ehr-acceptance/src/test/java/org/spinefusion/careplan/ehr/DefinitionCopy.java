package org.spinefusion.careplan.ehr;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Puts the definitions plans are made from (PlanDefinition, ActivityDefinitions, base Questionnaires) on another
 * FHIR server under the ids they have at the service, as they are, in one transaction: a server that stores the
 * plans holds what their Provenance names, as its referential integrity requires.
 */
final class DefinitionCopy {

    private DefinitionCopy() {}

    static void copy(IGenericClient from, IGenericClient to, Set<String> references) {
        Bundle transaction = new Bundle();
        transaction.setType(Bundle.BundleType.TRANSACTION);
        for (String reference : references) {
            IdType id = new IdType(reference);
            Resource definition = (Resource) from.read()
                    .resource(id.getResourceType())
                    .withId(id.getIdPart())
                    .execute();
            definition.setId(id.getResourceType() + "/" + id.getIdPart());
            definition.getMeta().setVersionId(null);
            definition.getMeta().setLastUpdatedElement(null);
            transaction
                    .addEntry()
                    .setFullUrl(to.getServerBase() + "/" + id.getResourceType() + "/" + id.getIdPart())
                    .setResource(definition)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl(id.getResourceType() + "/" + id.getIdPart());
        }
        to.transaction().withBundle(transaction).execute();
    }
}
