package org.spinefusion.careplan.service.storage;

import org.hl7.fhir.r4.model.Resource;

/**
 * Extracts the search columns of one resource type. One bean per type; a type without one is stored with empty
 * search columns (canonical resources still get url, version and status).
 */
public interface SearchColumns<T extends Resource> {

    /** The resource type this strategy reads. */
    Class<T> type();

    SearchValues extract(T resource);
}
