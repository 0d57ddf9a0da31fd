package org.spinefusion.careplan.service.api;

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
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/** ActivityDefinitions: read and search by canonical url and version. */
@Component
class ActivityDefinitionProvider implements IResourceProvider {

    private final FhirResourceService resources;

    ActivityDefinitionProvider(FhirResourceService resources) {
        this.resources = resources;
    }

    @Override
    public Class<ActivityDefinition> getResourceType() {
        return ActivityDefinition.class;
    }

    @Read(version = true)
    public ActivityDefinition read(@IdParam IdType id) {
        return resources.readToSend(ActivityDefinition.class, id);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = ActivityDefinition.SP_URL) UriAndListParam url,
            @OptionalParam(name = ActivityDefinition.SP_VERSION) TokenAndListParam version,
            @OptionalParam(name = ActivityDefinition.SP_STATUS) TokenAndListParam status,
            @OptionalParam(name = ActivityDefinition.SP_IDENTIFIER) TokenAndListParam identifier,
            @OptionalParam(name = ActivityDefinition.SP_DATE) DateRangeParam date,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @Sort SortSpec sort) {
        return resources.search(FhirSearch.of("ActivityDefinition")
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
