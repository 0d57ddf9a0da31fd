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
import org.hl7.fhir.r4.model.Provenance;
import org.springframework.stereotype.Component;

/** Provenance: read, vread, history and search by target and recorded time. */
@Component
class ProvenanceProvider implements IResourceProvider {

    private final FhirResourceService resources;

    ProvenanceProvider(FhirResourceService resources) {
        this.resources = resources;
    }

    @Override
    public Class<Provenance> getResourceType() {
        return Provenance.class;
    }

    @Read(version = true)
    public Provenance read(@IdParam IdType id) {
        return resources.readToSend(Provenance.class, id);
    }

    @History
    public IBundleProvider history(@IdParam IdType id) {
        return resources.history(Provenance.class, id);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = Provenance.SP_TARGET) ReferenceAndListParam target,
            @OptionalParam(name = Provenance.SP_RECORDED) DateRangeParam recorded,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @Sort SortSpec sort) {
        return resources.search(FhirSearch.of("Provenance")
                .ids(id)
                .referencing(target)
                .dates(recorded)
                .lastUpdated(lastUpdated)
                .sort(sort));
    }
}
