package org.spinefusion.careplan.service.storage;

import java.time.Instant;

/**
 * The outcome of saving one resource.
 *
 * @param written false when the content equalled the current version and nothing was written
 */
public record StoredResource(String type, String id, int versionId, Instant lastUpdated, boolean written) {}
