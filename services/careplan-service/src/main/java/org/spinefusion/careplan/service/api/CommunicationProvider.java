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
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/** Communications: read, vread, history and search; date is the send time, or the planned send time until sent. */
@Component
class CommunicationProvider implements IResourceProvider {

    private final FhirResourceService resources;

    CommunicationProvider(FhirResourceService resources) {
        this.resources = resources;
    }

    @Override
    public Class<Communication> getResourceType() {
        return Communication.class;
    }

    @Read(version = true)
    public Communication read(@IdParam IdType id) {
        return resources.readToSend(Communication.class, id);
    }

    @History
    public IBundleProvider history(@IdParam IdType id) {
        return resources.history(Communication.class, id);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = Communication.SP_SUBJECT) ReferenceAndListParam subject,
            @OptionalParam(name = Communication.SP_PATIENT) ReferenceAndListParam patient,
            @OptionalParam(name = Communication.SP_STATUS) TokenAndListParam status,
            @OptionalParam(name = Communication.SP_CATEGORY) TokenAndListParam category,
            @OptionalParam(name = Communication.SP_IDENTIFIER) TokenAndListParam identifier,
            @OptionalParam(name = "date") DateRangeParam date,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @Sort SortSpec sort) {
        return resources.search(FhirSearch.of("Communication")
                .ids(id)
                .subjects(subject)
                .patients(patient)
                .statuses(status)
                .categories(category)
                .identifiers(identifier)
                .dates(date)
                .lastUpdated(lastUpdated)
                .sort(sort));
    }
}
