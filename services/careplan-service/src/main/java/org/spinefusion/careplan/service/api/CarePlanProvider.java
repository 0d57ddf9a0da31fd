package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
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
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/** Care plans: read, vread, history and search, with their goals and provenance on request. */
@Component
class CarePlanProvider implements IResourceProvider {

    private final FhirResourceService resources;

    CarePlanProvider(FhirResourceService resources) {
        this.resources = resources;
    }

    @Override
    public Class<CarePlan> getResourceType() {
        return CarePlan.class;
    }

    @Read(version = true)
    public CarePlan read(@IdParam IdType id) {
        return resources.readToSend(CarePlan.class, id);
    }

    @History
    public IBundleProvider history(@IdParam IdType id) {
        return resources.history(CarePlan.class, id);
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "_id") TokenAndListParam id,
            @OptionalParam(name = CarePlan.SP_SUBJECT) ReferenceAndListParam subject,
            @OptionalParam(name = CarePlan.SP_PATIENT) ReferenceAndListParam patient,
            @OptionalParam(name = CarePlan.SP_STATUS) TokenAndListParam status,
            @OptionalParam(name = CarePlan.SP_CATEGORY) TokenAndListParam category,
            @OptionalParam(name = CarePlan.SP_IDENTIFIER) TokenAndListParam identifier,
            @OptionalParam(name = CarePlan.SP_DATE) DateRangeParam date,
            @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
            @IncludeParam(allow = {"CarePlan:goal"}) Set<Include> include,
            @IncludeParam(
                            reverse = true,
                            allow = {"Provenance:target"})
                    Set<Include> revInclude,
            @Sort SortSpec sort) {
        return resources.search(FhirSearch.of("CarePlan")
                .ids(id)
                .subjects(subject)
                .patients(patient)
                .statuses(status)
                .categories(category)
                .identifiers(identifier)
                .dates(date)
                .lastUpdated(lastUpdated)
                .include(include)
                .revInclude(revInclude)
                .sort(sort));
    }
}
