package org.spinefusion.careplan.service.storage;

import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The JSON of one stored version, exactly as it was written (meta included), carried on the resource that storage
 * returns or has just saved, so the API can send these bytes instead of encoding the resource again. It is attached
 * to that one version: a resource whose type, id or version no longer match has none.
 */
public final class StoredJson {

    private static final String KEY = StoredJson.class.getName();

    private final String type;
    private final String id;
    private final String versionId;
    private final String json;

    private StoredJson(String type, String id, String versionId, String json) {
        this.type = type;
        this.id = id;
        this.versionId = versionId;
        this.json = json;
    }

    /** The stored JSON of this resource's version, when storage read or wrote it and it names the same version. */
    public static Optional<String> of(IBaseResource resource) {
        if (!(resource.getUserData(KEY) instanceof StoredJson stored)) {
            return Optional.empty();
        }
        boolean same = stored.type.equals(resource.fhirType())
                && stored.id.equals(resource.getIdElement().getIdPart())
                && stored.versionId.equals(resource.getMeta().getVersionId());
        return same ? Optional.of(stored.json) : Optional.empty();
    }

    static void attach(IBaseResource resource, String json) {
        resource.setUserData(
                KEY,
                new StoredJson(
                        resource.fhirType(),
                        resource.getIdElement().getIdPart(),
                        resource.getMeta().getVersionId(),
                        json));
    }
}
