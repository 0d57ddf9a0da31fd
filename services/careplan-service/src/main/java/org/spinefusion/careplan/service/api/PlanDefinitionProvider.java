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
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.springframework.stereotype.Component;

/** PlanDefinitions: read and search by canonical url and version. */
@Component
class PlanDefinitionProvider implements IResourceProvider {

    private final FhirResourceService resources;

    PlanDefinitionProvider(FhirResourceService resources) {
        this.resources = resources;
    }

    @Override
    public Class<PlanDefinition> getResourceType() {
        return PlanDefinition.class;
    }

    @Read(version = true)
    public PlanDefinition read(@IdParam IdType id) {
        return resources.readToSend(PlanDefinition.class, id);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = PlanDefinition.SP_URL) UriAndListParam url,
            @OptionalParam(name = PlanDefinition.SP_VERSION) TokenAndListParam version,
            @OptionalParam(name = PlanDefinition.SP_STATUS) TokenAndListParam status,
            @OptionalParam(name = PlanDefinition.SP_IDENTIFIER) TokenAndListParam identifier,
            @OptionalParam(name = PlanDefinition.SP_DATE) DateRangeParam date,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @Sort SortSpec sort) {
        return resources.search(FhirSearch.of("PlanDefinition")
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
