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
import org.hl7.fhir.r4.model.StructureDefinition;
import org.springframework.stereotype.Component;

/** StructureDefinitions (the package's profiles and extensions, as the CapabilityStatement names them): read, vread and search by canonical url and version. */
@Component
class StructureDefinitionProvider implements IResourceProvider {

    private final FhirResourceService resources;

    StructureDefinitionProvider(FhirResourceService resources) {
        this.resources = resources;
    }

    @Override
    public Class<StructureDefinition> getResourceType() {
        return StructureDefinition.class;
    }

    @Read(version = true)
    public StructureDefinition read(@IdParam IdType id) {
        return resources.readToSend(StructureDefinition.class, id);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = StructureDefinition.SP_URL) UriAndListParam url,
            @OptionalParam(name = StructureDefinition.SP_VERSION) TokenAndListParam version,
            @OptionalParam(name = StructureDefinition.SP_STATUS) TokenAndListParam status,
            @OptionalParam(name = StructureDefinition.SP_DATE) DateRangeParam date,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @Sort SortSpec sort) {
        return resources.search(FhirSearch.of("StructureDefinition")
                .ids(id)
                .urls(url)
                .versions(version)
                .statuses(status)
                .dates(date)
                .lastUpdated(lastUpdated)
                .sort(sort));
    }
}
