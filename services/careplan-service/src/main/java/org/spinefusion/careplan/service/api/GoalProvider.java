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
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/** Goals: read, vread, history and search; the target-date parameter searches the targets' due dates. */
@Component
class GoalProvider implements IResourceProvider {

    private final FhirResourceService resources;

    GoalProvider(FhirResourceService resources) {
        this.resources = resources;
    }

    @Override
    public Class<Goal> getResourceType() {
        return Goal.class;
    }

    @Read(version = true)
    public Goal read(@IdParam IdType id) {
        return resources.readToSend(Goal.class, id);
    }

    @History
    public IBundleProvider history(@IdParam IdType id) {
        return resources.history(Goal.class, id);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = Goal.SP_SUBJECT) ReferenceAndListParam subject,
            @OptionalParam(name = Goal.SP_PATIENT) ReferenceAndListParam patient,
            @OptionalParam(name = Goal.SP_LIFECYCLE_STATUS) TokenAndListParam lifecycleStatus,
            @OptionalParam(name = Goal.SP_CATEGORY) TokenAndListParam category,
            @OptionalParam(name = Goal.SP_IDENTIFIER) TokenAndListParam identifier,
            @OptionalParam(name = Goal.SP_TARGET_DATE) DateRangeParam targetDate,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @Sort SortSpec sort) {
        return resources.search(FhirSearch.of("Goal")
                .ids(id)
                .subjects(subject)
                .patients(patient)
                .statuses(lifecycleStatus)
                .categories(category)
                .identifiers(identifier)
                .dates(targetDate)
                .lastUpdated(lastUpdated)
                .sort(sort));
    }
}
