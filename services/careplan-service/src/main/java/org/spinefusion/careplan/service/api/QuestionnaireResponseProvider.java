package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.springframework.stereotype.Component;

/** QuestionnaireResponses: read, vread, history and search; created through the escalation intake. */
@Component
class QuestionnaireResponseProvider implements IResourceProvider {

    private final FhirResourceService resources;

    QuestionnaireResponseProvider(FhirResourceService resources) {
        this.resources = resources;
    }

    @Override
    public Class<QuestionnaireResponse> getResourceType() {
        return QuestionnaireResponse.class;
    }

    @Read(version = true)
    public QuestionnaireResponse read(@IdParam IdType id) {
        return resources.readToSend(QuestionnaireResponse.class, id);
    }

    @History
    public IBundleProvider history(@IdParam IdType id) {
        return resources.history(QuestionnaireResponse.class, id);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = QuestionnaireResponse.SP_SUBJECT) ReferenceAndListParam subject,
            @OptionalParam(name = QuestionnaireResponse.SP_PATIENT) ReferenceAndListParam patient,
            @OptionalParam(name = QuestionnaireResponse.SP_STATUS) TokenAndListParam status,
            @OptionalParam(name = QuestionnaireResponse.SP_IDENTIFIER) TokenAndListParam identifier,
            @OptionalParam(name = QuestionnaireResponse.SP_AUTHORED) DateRangeParam authored,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @Sort SortSpec sort) {
        return resources.search(FhirSearch.of("QuestionnaireResponse")
                .ids(id)
                .subjects(subject)
                .patients(patient)
                .statuses(status)
                .identifiers(identifier)
                .dates(authored)
                .lastUpdated(lastUpdated)
                .sort(sort));
    }
}
