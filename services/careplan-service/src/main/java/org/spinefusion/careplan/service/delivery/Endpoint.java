package org.spinefusion.careplan.service.delivery;

import java.time.Instant;
import java.util.Collection;

/** A registered endpoint: its settings and, once read, its capabilities. */
record Endpoint(EndpointSettings settings, Capabilities capabilities, Instant capabilitiesRead) {

    String id() {
        return settings.id();
    }

    boolean smart() {
        return settings.auth().equals(EndpointSettings.SMART_BACKEND);
    }

    /** True when a resource about {@code patient} that references {@code references} goes to this endpoint. */
    boolean routes(String patient, Collection<String> references) {
        if (settings.patients().isEmpty() && settings.organizations().isEmpty()) {
            return true;
        }
        if (patient != null && settings.patients().contains(patient)) {
            return true;
        }
        return references.stream().anyMatch(settings.organizations()::contains);
    }
}
