package org.spinefusion.careplan.service.storage;

import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * Told of the resource versions {@link ResourceRepository#saveAll} wrote (unchanged ones are left out), inside the
 * writing transaction, so what a listener writes commits or rolls back together with the resources. Listeners must not
 * change the resources they are given.
 */
public interface ResourceWriteListener {

    void written(List<Resource> resources);
}
