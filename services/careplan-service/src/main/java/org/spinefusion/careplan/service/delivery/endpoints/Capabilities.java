package org.spinefusion.careplan.service.delivery.endpoints;

import java.util.List;
import java.util.Set;

/**
 * What an endpoint declares: from its CapabilityStatement the types it lets us create and update, where it offers
 * conditional create and search by identifier; from its SMART configuration the token endpoint and signing algorithms.
 */
public record Capabilities(
        Set<String> creatable,
        Set<String> updatable,
        Set<String> conditionalCreate,
        Set<String> identifierSearch,
        boolean transaction,
        String tokenUrl,
        List<String> signingAlgorithms) {

    public static final String NOTE_TYPE = "DocumentReference";

    /** How a resource of {@code type} reaches this endpoint. */
    public Target targetFor(String type) {
        if (creatable.contains(type)) {
            return Target.NATIVE;
        }
        if (type.equals("CarePlan") && creatable.contains(NOTE_TYPE)) {
            return Target.NOTE;
        }
        return Target.NONE;
    }

    public String mode() {
        return targetFor("CarePlan") == Target.NOTE ? "note" : creatable.contains("CarePlan") ? "native" : "none";
    }

    public enum Target {
        NATIVE,
        NOTE,
        NONE
    }
}
