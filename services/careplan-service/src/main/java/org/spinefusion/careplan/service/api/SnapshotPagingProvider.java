package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IPagingProvider;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.spinefusion.careplan.service.storage.SearchSnapshotRepository;
import org.spinefusion.careplan.service.storage.SearchSnapshotRepository.Snapshot;
import org.springframework.stereotype.Component;

/**
 * Keeps search results for paging in PostgreSQL, so any replica can serve any page. Pages go only to the caller the
 * search was made for ({@link PageOwner}); to anyone else a page link is unknown. Expired snapshots are deleted
 * whenever a new one is stored.
 */
@Component
class SnapshotPagingProvider implements IPagingProvider {

    private final SearchSnapshotRepository snapshots;
    private final FhirResourceService resources;
    private final FhirServerProperties.Search settings;
    private final Clock clock;

    SnapshotPagingProvider(
            SearchSnapshotRepository snapshots,
            FhirResourceService resources,
            FhirServerProperties properties,
            Clock clock) {
        this.snapshots = snapshots;
        this.resources = resources;
        this.settings = properties.search();
        this.clock = clock;
    }

    @Override
    public int getDefaultPageSize() {
        return settings.defaultPageSize();
    }

    @Override
    public int getMaximumPageSize() {
        return settings.maxPageSize();
    }

    @Override
    public String storeResultList(RequestDetails request, IBundleProvider results) {
        if (!(results instanceof SnapshotBundleProvider provider)) {
            return null;
        }
        Instant now = clock.instant();
        Snapshot unsaved = provider.snapshot();
        UUID id = UUID.randomUUID();
        snapshots.insert(
                new Snapshot(id, now, unsaved.kind(), unsaved.refs(), unsaved.includes()), PageOwner.current());
        snapshots.deleteCreatedBefore(now.minus(settings.snapshotLifetime()));
        return id.toString();
    }

    @Override
    public IBundleProvider retrieveResultList(RequestDetails request, String searchId) {
        UUID id;
        try {
            id = UUID.fromString(searchId);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
        return snapshots
                .find(id, clock.instant().minus(settings.snapshotLifetime()), PageOwner.current())
                .map(snapshot -> new SnapshotBundleProvider(snapshot, searchId, resources))
                .orElse(null);
    }
}
