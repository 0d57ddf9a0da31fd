package org.spinefusion.careplan.service.storage;

import java.util.Optional;

/**
 * Adds {@code meta.versionId} and {@code meta.lastUpdated} to a resource's compact JSON that HAPI encoded without
 * them, where HAPI itself puts them (meta follows id; versionId and lastUpdated open meta), so the result is what
 * encoding the stamped resource would give. The content hash is taken over the JSON without them, and the version is
 * known only after it is compared with the stored one: this spares encoding every resource a second time.
 */
final class VersionedJson {

    private static final String META = ",\"meta\":{";

    private VersionedJson() {}

    /** The JSON with the version stamped in, or empty when it does not start the way HAPI writes a resource. */
    static Optional<String> stamp(String json, String type, String id, String versionId, String lastUpdated) {
        String head = "{\"resourceType\":\"" + type + "\",\"id\":\"" + id + "\"";
        if (!json.startsWith(head)) {
            return Optional.empty();
        }
        String version = "\"versionId\":\"" + versionId + "\",\"lastUpdated\":\"" + lastUpdated + "\"";
        String rest = json.substring(head.length());
        StringBuilder stamped = new StringBuilder(json.length() + version.length() + META.length() + 2);
        stamped.append(head).append(META).append(version);
        if (rest.startsWith(META)) {
            stamped.append(',').append(rest, META.length(), rest.length());
        } else {
            stamped.append('}').append(rest);
        }
        return Optional.of(stamped.toString());
    }
}
