package org.spinefusion.careplan.service.storage;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Picks the {@link SearchColumns} bean for a resource's type. Canonical resources (PlanDefinition,
 * ActivityDefinition, Questionnaire, ...) share one extraction: status, identifiers, url, version and date.
 */
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
                    .identifiers(identifiers(canonical))
                    .canonical(canonical.getUrl(), canonical.getVersion())
                    .date(canonical.getDateElement())
                    .build();
        }
        return SearchValues.NONE;
    }

    /** R4's MetadataResource does not declare {@code identifier}, though the canonical types we store all have it. */
    private static List<Identifier> identifiers(MetadataResource canonical) {
        Property identifier = canonical.getNamedProperty("identifier");
        if (identifier == null) {
            return List.of();
        }
        return identifier.getValues().stream()
                .filter(Identifier.class::isInstance)
                .map(Identifier.class::cast)
                .toList();
    }

    private static <T extends Resource> SearchValues extractWith(SearchColumns<T> strategy, Resource resource) {
        return strategy.extract(strategy.type().cast(resource));
    }
}
