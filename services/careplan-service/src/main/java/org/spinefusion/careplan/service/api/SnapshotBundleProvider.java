package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.InstantType;
import org.spinefusion.careplan.service.storage.SearchSnapshotRepository.Snapshot;
import org.spinefusion.careplan.service.storage.VersionRef;

/**
 * The results of one search or history: a fixed, ordered list of resource versions. Pages are loaded on demand, so a
 * page shows the versions that matched when the list was made, whatever was written since.
 */
final class SnapshotBundleProvider implements IBundleProvider {

    static final String SEARCHSET = "searchset";
    static final String HISTORY = "history";

    private final Snapshot snapshot;
    private final String uuid;
    private final FhirResourceService resources;

    /** @param uuid the id of the stored snapshot, or null while it exists only in this request */
    SnapshotBundleProvider(Snapshot snapshot, String uuid, FhirResourceService resources) {
        this.snapshot = snapshot;
        this.uuid = uuid;
        this.resources = resources;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public List<IBaseResource> getResources(int fromIndex, int toIndex) {
        List<VersionRef> refs = snapshot.refs();
        int from = Math.max(0, Math.min(fromIndex, refs.size()));
        int to = Math.max(from, Math.min(toIndex, refs.size()));
        return resources.page(refs.subList(from, to), snapshot.includes(), SEARCHSET.equals(snapshot.kind()));
    }

    @Override
    public IPrimitiveType<Date> getPublished() {
        return new InstantType(Date.from(snapshot.created()));
    }

    @Override
    public String getUuid() {
        return uuid;
    }

    @Override
    public Integer preferredPageSize() {
        return null;
    }

    @Override
    public Integer size() {
        return snapshot.refs().size();
    }

    static Snapshot unsaved(String kind, List<VersionRef> refs, List<String> includes, Instant now) {
        return new Snapshot(null, now, kind, refs, includes);
    }
}
