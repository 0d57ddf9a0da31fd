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
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.UriAndListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.springframework.stereotype.Component;

/** Questionnaires (base and tailored): read, vread, history and search by canonical url and version. */
@Component
class QuestionnaireProvider implements IResourceProvider {

    private final FhirResourceService resources;

    QuestionnaireProvider(FhirResourceService resources) {
        this.resources = resources;
    }

    @Override
    public Class<Questionnaire> getResourceType() {
        return Questionnaire.class;
    }

    @Read(version = true)
    public Questionnaire read(@IdParam IdType id) {
        return resources.readToSend(Questionnaire.class, id);
    }

    @History
    public IBundleProvider history(@IdParam IdType id) {
        return resources.history(Questionnaire.class, id);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = Questionnaire.SP_URL) UriAndListParam url,
            @OptionalParam(name = Questionnaire.SP_VERSION) TokenAndListParam version,
            @OptionalParam(name = Questionnaire.SP_STATUS) TokenAndListParam status,
            @OptionalParam(name = Questionnaire.SP_IDENTIFIER) TokenAndListParam identifier,
            @OptionalParam(name = Questionnaire.SP_DATE) DateRangeParam date,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @Sort SortSpec sort) {
        return resources.search(FhirSearch.of("Questionnaire")
                .ids(id)
                .urls(url)
                .versions(version)
                .statuses(status)
                .identifiers(identifier)
                .dates(date)
                .lastUpdated(lastUpdated)
                .sort(sort));
    }
}
