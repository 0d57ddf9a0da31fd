package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.stereotype.Component;

/**
 * {@code [base]/ValueSet/$expand?url=...} and {@code [base]/ValueSet/{id}/$expand}: the codes of one of the
 * package's ValueSets, so that form fillers (LHC-Forms, for one) can show the answer lists of our Questionnaires.
 */
@Component
class ExpandOperation {

    private final FhirResourceService resources;
    private final ValueSetExpansion expansion;

    ExpandOperation(FhirResourceService resources, ValueSetExpansion expansion) {
        this.resources = resources;
        this.expansion = expansion;
    }

    @Operation(
            name = "$expand",
            type = ValueSet.class,
            idempotent = true,
            returnParameters = {@OperationParam(name = "return", type = ValueSet.class, min = 1, max = 1)})
    @Description(shortDefinition = "The codes of a ValueSet held here, by id or by canonical url")
    public ValueSet expand(
            @IdParam(optional = true) IdType id,
            @OperationParam(name = "url", max = 1, typeName = "uri") UriType url,
            @OperationParam(name = "valueSetVersion", max = 1, typeName = "string") StringType version,
            @OperationParam(name = "filter", max = 1, typeName = "string") StringType filter) {
        return expansion.expand(valueSet(id, url, version), filter == null ? null : filter.getValue());
    }

    private ValueSet valueSet(IdType id, UriType url, StringType version) {
        if (id != null && id.hasIdPart()) {
            return resources.read(ValueSet.class, id);
        }
        if (url == null || !url.hasValue()) {
            throw new InvalidRequestException("$expand needs a ValueSet id or the url parameter");
        }
        String[] canonical = url.getValue().split("\\|", 2);
        String wantedVersion = version != null ? version.getValue() : canonical.length > 1 ? canonical[1] : null;
        return resources
                .currentByUrl("ValueSet", canonical[0], wantedVersion)
                .map(ValueSet.class::cast)
                .orElseThrow(() -> new ResourceNotFoundException("No ValueSet with this url is held here"));
    }
}
