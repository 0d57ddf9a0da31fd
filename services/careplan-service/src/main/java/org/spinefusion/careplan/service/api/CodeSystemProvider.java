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
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/** CodeSystems (the package's local terminology): read, vread and search by canonical url and version. */
@Component
class CodeSystemProvider implements IResourceProvider {

    private final FhirResourceService resources;

    CodeSystemProvider(FhirResourceService resources) {
        this.resources = resources;
    }

    @Override
    public Class<CodeSystem> getResourceType() {
        return CodeSystem.class;
    }

    @Read(version = true)
    public CodeSystem read(@IdParam IdType id) {
        return resources.readToSend(CodeSystem.class, id);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = CodeSystem.SP_URL) UriAndListParam url,
            @OptionalParam(name = CodeSystem.SP_VERSION) TokenAndListParam version,
            @OptionalParam(name = CodeSystem.SP_STATUS) TokenAndListParam status,
            @OptionalParam(name = CodeSystem.SP_DATE) DateRangeParam date,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @Sort SortSpec sort) {
        return resources.search(FhirSearch.of("CodeSystem")
                .ids(id)
                .urls(url)
                .versions(version)
                .statuses(status)
                .dates(date)
                .lastUpdated(lastUpdated)
                .sort(sort));
    }
}
