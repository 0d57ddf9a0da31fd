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
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/** Tasks (escalation acknowledgements): read, vread, history and search; updated through the escalation package. */
@Component
class TaskProvider implements IResourceProvider {

    private final FhirResourceService resources;

    TaskProvider(FhirResourceService resources) {
        this.resources = resources;
    }

    @Override
    public Class<Task> getResourceType() {
        return Task.class;
    }

    @Read(version = true)
    public Task read(@IdParam IdType id) {
        return resources.readToSend(Task.class, id);
    }

    @History
    public IBundleProvider history(@IdParam IdType id) {
        return resources.history(Task.class, id);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = Task.SP_SUBJECT) ReferenceAndListParam subject,
            @OptionalParam(name = Task.SP_PATIENT) ReferenceAndListParam patient,
            @OptionalParam(name = Task.SP_STATUS) TokenAndListParam status,
            @OptionalParam(name = Task.SP_CODE) TokenAndListParam code,
            @OptionalParam(name = Task.SP_IDENTIFIER) TokenAndListParam identifier,
            @OptionalParam(name = Task.SP_FOCUS) ReferenceAndListParam focus,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @Sort SortSpec sort) {
        return resources.search(FhirSearch.of("Task")
                .ids(id)
                .subjects(subject)
                .patients(patient)
                .statuses(status)
                .categories(code)
                .identifiers(identifier)
                .referencing(focus)
                .lastUpdated(lastUpdated)
                .sort(sort));
    }
}
