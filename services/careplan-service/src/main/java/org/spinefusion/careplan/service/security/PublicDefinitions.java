package org.spinefusion.careplan.service.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Set;

/**
 * Definitions anyone may read without a token: terminology (so form fillers can expand answer lists), the profiles
 * and the OperationDefinitions the CapabilityStatement links. They hold no patient data; only reads and
 * {@code $expand} are open, never writes.
 */
final class PublicDefinitions {

    static final Set<String> TYPES = Set.of("ValueSet", "CodeSystem", "StructureDefinition", "OperationDefinition");
    static final String[] PATHS =
            TYPES.stream().map(type -> "/fhir/" + type + "/**").toArray(String[]::new);

    private PublicDefinitions() {}

    static boolean covers(RequestDetails request) {
        if (request.getResourceName() == null || !TYPES.contains(request.getResourceName())) {
            return false;
        }
        return switch (request.getRestOperationType()) {
            case READ, VREAD, SEARCH_TYPE -> true;
            case EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> "$expand".equals(request.getOperation());
            default -> false;
        };
    }
}
