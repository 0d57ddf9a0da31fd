package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.storage.SearchQuery;
import org.spinefusion.careplan.service.storage.SearchQuery.AnyOf;
import org.spinefusion.careplan.service.storage.SearchQuery.Criterion;
import org.spinefusion.careplan.service.storage.SearchQuery.Field;
import org.spinefusion.careplan.service.storage.StoredJson;
import org.spinefusion.careplan.service.storage.VersionRef;
import org.springframework.stereotype.Service;

/** Reads, histories and searches for every resource provider, over storage. */
@Service
class FhirResourceService {

    static final String INCLUDE = "include:";
    static final String REVINCLUDE = "revinclude:";

    private final ResourceRepository repository;
    private final FhirContext fhirContext;
    private final FhirServerProperties.Search settings;
    private final Clock clock;
    private final List<CheckedElements> checkedElements;

    FhirResourceService(
            ResourceRepository repository,
            FhirContext fhirContext,
            FhirServerProperties properties,
            Clock clock,
            List<CheckedElements> checkedElements) {
        this.repository = repository;
        this.fhirContext = fhirContext;
        this.settings = properties.search();
        this.clock = clock;
        this.checkedElements = List.copyOf(checkedElements);
    }

    /**
     * A read or vread answered as stored: parsed only as far as the response checks need ({@link CheckedElements}),
     * and marked to be sent as the stored JSON.
     */
    <T extends Resource> T readToSend(Class<T> type, IdType id) {
        String typeName = fhirContext.getResourceType(type);
        Optional<Set<String>> elements = checkedElements.stream()
                .map(checks -> checks.of(typeName))
                .flatMap(Optional::stream)
                .findFirst();
        T found;
        if (elements.isPresent()) {
            Integer version = id.hasVersionIdPart() ? parseVersion(id.getVersionIdPart()) : null;
            if (id.hasVersionIdPart() && version == null) {
                throw new ResourceNotFoundException(id.withResourceType(typeName));
            }
            found = type.cast(repository
                    .readForChecks(typeName, id.getIdPart(), version, elements.get())
                    .orElseThrow(() -> new ResourceNotFoundException(id.withResourceType(typeName))));
        } else {
            found = read(type, id);
        }
        StoredJson.sendAsStored(found);
        return found;
    }

    /** The current version, or the version named in the id (vread). */
    <T extends Resource> T read(Class<T> type, IdType id) {
        String typeName = fhirContext.getResourceType(type);
        Optional<Resource> found;
        if (id.hasVersionIdPart()) {
            Integer version = parseVersion(id.getVersionIdPart());
            found = version == null ? Optional.empty() : repository.readVersion(typeName, id.getIdPart(), version);
        } else {
            found = repository.readCurrent(typeName, id.getIdPart());
        }
        return type.cast(found.orElseThrow(() -> new ResourceNotFoundException(id.withResourceType(typeName))));
    }

    /** The current resource of this type with this canonical url (and version, when given). */
    Optional<Resource> currentByUrl(String type, String url, String version) {
        List<Criterion> criteria = new ArrayList<>();
        criteria.add(new AnyOf(Field.URL, List.of(url)));
        if (version != null) {
            criteria.add(new AnyOf(Field.VERSION, List.of(version)));
        }
        return repository.search(new SearchQuery(type, criteria, true, 1)).stream()
                .findFirst()
                .flatMap(ref -> repository.readVersions(List.of(ref)).stream().findFirst());
    }

    IBundleProvider history(Class<? extends Resource> type, IdType id) {
        String typeName = fhirContext.getResourceType(type);
        List<VersionRef> versions = repository.versions(typeName, id.getIdPart());
        if (versions.isEmpty()) {
            throw new ResourceNotFoundException(id.withResourceType(typeName));
        }
        return provider(SnapshotBundleProvider.HISTORY, versions, List.of());
    }

    IBundleProvider search(FhirSearch search) {
        List<VersionRef> matches = repository.search(search.toQuery(settings.maxResults()));
        return provider(SnapshotBundleProvider.SEARCHSET, matches, search.includes());
    }

    /** One page: the listed versions as matches, followed by what the includes add. */
    List<IBaseResource> page(List<VersionRef> refs, List<String> includes, boolean searchset) {
        List<Resource> matches = repository.readVersions(refs);
        List<IBaseResource> page = new ArrayList<>(matches);
        if (!searchset) {
            return page;
        }
        matches.forEach(
                resource -> ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(resource, BundleEntrySearchModeEnum.MATCH));
        Set<String> seen = new LinkedHashSet<>();
        matches.forEach(resource -> seen.add(key(resource)));
        List<String> matchKeys = List.copyOf(seen);
        for (String include : includes) {
            for (Resource included : resolve(include, matches, matchKeys)) {
                if (seen.add(key(included))) {
                    ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(included, BundleEntrySearchModeEnum.INCLUDE);
                    page.add(included);
                }
            }
        }
        return page;
    }

    private List<Resource> resolve(String include, List<Resource> matches, List<String> matchKeys) {
        if (include.startsWith(REVINCLUDE)) {
            String sourceType = include.substring(REVINCLUDE.length()).split(":", 2)[0];
            return repository.findReferencing(sourceType, matchKeys);
        }
        String[] typeAndParam = include.substring(INCLUDE.length()).split(":", 2);
        RuntimeSearchParam param =
                fhirContext.getResourceDefinition(typeAndParam[0]).getSearchParam(typeAndParam[1]);
        Set<String> targets = new LinkedHashSet<>();
        for (Resource match : matches) {
            if (!match.fhirType().equals(typeAndParam[0])) {
                continue;
            }
            for (String path : param.getPathsSplit()) {
                for (Reference reference : fhirContext.newTerser().getValues(match, path.trim(), Reference.class)) {
                    IdType target = new IdType(reference.getReference());
                    if (target.hasResourceType() && target.hasIdPart()) {
                        targets.add(target.getResourceType() + "/" + target.getIdPart());
                    }
                }
            }
        }
        return repository.readCurrent(targets);
    }

    private IBundleProvider provider(String kind, List<VersionRef> refs, List<String> includes) {
        return new SnapshotBundleProvider(
                SnapshotBundleProvider.unsaved(kind, refs, includes, clock.instant()), null, this);
    }

    private static String key(Resource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }

    private static Integer parseVersion(String version) {
        try {
            return Integer.valueOf(version);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
