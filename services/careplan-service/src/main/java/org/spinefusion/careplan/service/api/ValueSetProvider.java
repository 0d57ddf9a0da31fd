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
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.stereotype.Component;

/** ValueSets (the package's answer sets and bindings): read, vread and search by canonical url and version; expanded by {@link ExpandOperation}. */
@Component
class ValueSetProvider implements IResourceProvider {

    private final FhirResourceService resources;

    ValueSetProvider(FhirResourceService resources) {
        this.resources = resources;
    }

    @Override
    public Class<ValueSet> getResourceType() {
        return ValueSet.class;
    }

    @Read(version = true)
    public ValueSet read(@IdParam IdType id) {
        return resources.readToSend(ValueSet.class, id);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = ValueSet.SP_URL) UriAndListParam url,
            @OptionalParam(name = ValueSet.SP_VERSION) TokenAndListParam version,
            @OptionalParam(name = ValueSet.SP_STATUS) TokenAndListParam status,
            @OptionalParam(name = ValueSet.SP_DATE) DateRangeParam date,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @Sort SortSpec sort) {
        return resources.search(FhirSearch.of("ValueSet")
                .ids(id)
                .urls(url)
                .versions(version)
                .statuses(status)
                .dates(date)
                .lastUpdated(lastUpdated)
                .sort(sort));
    }
}
