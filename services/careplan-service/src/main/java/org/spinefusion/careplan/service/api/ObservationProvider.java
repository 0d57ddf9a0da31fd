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
import org.hl7.fhir.r4.model.Observation;
import org.springframework.stereotype.Component;

/** Observations (measured answers of responses): read, vread, history and search; code searches the code too. */
@Component
class ObservationProvider implements IResourceProvider {

    private final FhirResourceService resources;

    ObservationProvider(FhirResourceService resources) {
        this.resources = resources;
    }

    @Override
    public Class<Observation> getResourceType() {
        return Observation.class;
    }

    @Read(version = true)
    public Observation read(@IdParam IdType id) {
        return resources.readToSend(Observation.class, id);
    }

    @History
    public IBundleProvider history(@IdParam IdType id) {
        return resources.history(Observation.class, id);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = Observation.SP_SUBJECT) ReferenceAndListParam subject,
            @OptionalParam(name = Observation.SP_PATIENT) ReferenceAndListParam patient,
            @OptionalParam(name = Observation.SP_STATUS) TokenAndListParam status,
            @OptionalParam(name = Observation.SP_CATEGORY) TokenAndListParam category,
            @OptionalParam(name = Observation.SP_CODE) TokenAndListParam code,
            @OptionalParam(name = Observation.SP_IDENTIFIER) TokenAndListParam identifier,
            @OptionalParam(name = Observation.SP_DATE) DateRangeParam date,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @Sort SortSpec sort) {
        return resources.search(FhirSearch.of("Observation")
                .ids(id)
                .subjects(subject)
                .patients(patient)
                .statuses(status)
                .categories(category)
                .categories(code)
                .identifiers(identifier)
                .dates(date)
                .lastUpdated(lastUpdated)
                .sort(sort));
    }
}
