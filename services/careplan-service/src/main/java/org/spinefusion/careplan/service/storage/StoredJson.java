package org.spinefusion.careplan.service.storage;

import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The JSON of one stored version, exactly as it was written (meta included), carried on the resource that storage
 * returns or has just saved, so the API can send these bytes instead of encoding the resource again. It is attached
 * to that one version: a resource whose type, id or version no longer match has none. Sending it is opt-in: only code
 * that returns the resource unchanged marks it {@link #sendAsStored}, so a resource changed after the read (an
 * expansion, a copy being edited) is never answered with bytes that no longer describe it.
 */
public final class StoredJson {

    private static final String KEY = StoredJson.class.getName();

    private final String type;
    private final String id;
    private final String versionId;
    private final String json;
    private final boolean partial;
    private boolean send;

    private StoredJson(String type, String id, String versionId, String json, boolean partial) {
        this.type = type;
        this.id = id;
        this.versionId = versionId;
        this.json = json;
        this.partial = partial;
    }

    /** The stored JSON of this resource's version, when storage read or wrote it and it names the same version. */
    public static Optional<String> of(IBaseResource resource) {
        return attached(resource).map(stored -> stored.json);
    }

    /** Marks a resource, returned unchanged since storage read or wrote it, to be answered with its stored JSON. */
    public static void sendAsStored(IBaseResource resource) {
        attached(resource).ifPresent(stored -> stored.send = true);
    }

    /** The stored JSON to answer with, when the resource was marked {@link #sendAsStored}. */
    public static Optional<String> toSend(IBaseResource resource) {
        return attached(resource).filter(stored -> stored.send).map(stored -> stored.json);
    }

    /**
     * Whether the resource holds only some of its elements ({@link ResourceRepository#readForChecks}): it must be
     * answered with its stored JSON or parsed in full first, never encoded as it is.
     */
    public static boolean isPartial(IBaseResource resource) {
        return attached(resource).map(stored -> stored.partial).orElse(false);
    }

    static void attach(IBaseResource resource, String json) {
        attach(resource, json, false);
    }

    static void attach(IBaseResource resource, String json, boolean partial) {
        resource.setUserData(
                KEY,
                new StoredJson(
                        resource.fhirType(),
                        resource.getIdElement().getIdPart(),
                        resource.getMeta().getVersionId(),
                        json,
                        partial));
    }

    private static Optional<StoredJson> attached(IBaseResource resource) {
        if (!(resource.getUserData(KEY) instanceof StoredJson stored)) {
            return Optional.empty();
        }
        boolean same = stored.type.equals(resource.fhirType())
                && stored.id.equals(resource.getIdElement().getIdPart())
                && stored.versionId.equals(resource.getMeta().getVersionId());
        return same ? Optional.of(stored) : Optional.empty();
    }
}
