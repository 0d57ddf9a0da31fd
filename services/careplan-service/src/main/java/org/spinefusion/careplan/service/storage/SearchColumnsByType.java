package org.spinefusion.careplan.service.storage;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/** Picks the {@link SearchColumns} bean for a resource's type; canonical resources without one get url and status. */
@Component
class SearchColumnsByType {

    private final Map<String, SearchColumns<?>> byType;

    SearchColumnsByType(List<SearchColumns<?>> strategies) {
        this.byType = strategies.stream().collect(Collectors.toMap(s -> s.type().getSimpleName(), Function.identity()));
    }

    SearchValues extract(Resource resource) {
        SearchColumns<?> strategy = byType.get(resource.fhirType());
        if (strategy != null) {
            return extractWith(strategy, resource);
        }
        if (resource instanceof MetadataResource canonical) {
            return new SearchValues.Builder()
                    .status(canonical.hasStatus() ? canonical.getStatus().toCode() : null)
                    .canonical(canonical.getUrl(), canonical.getVersion())
                    .date(canonical.getDateElement())
                    .build();
        }
        return SearchValues.NONE;
    }

    private static <T extends Resource> SearchValues extractWith(SearchColumns<T> strategy, Resource resource) {
        return strategy.extract(strategy.type().cast(resource));
    }
}
