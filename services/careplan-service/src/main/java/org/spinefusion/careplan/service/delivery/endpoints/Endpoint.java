package org.spinefusion.careplan.service.delivery.endpoints;

import java.time.Instant;
import java.util.Collection;

/** A registered endpoint: its settings and, once read, its capabilities. */
public record Endpoint(EndpointSettings settings, Capabilities capabilities, Instant capabilitiesRead) {

    public String id() {
        return settings.id();
    }

    public boolean smart() {
        return settings.auth().equals(EndpointSettings.SMART_BACKEND);
    }

    /** True when a resource about {@code patient} that references {@code references} goes to this endpoint. */
    public boolean routes(String patient, Collection<String> references) {
        if (settings.patients().isEmpty() && settings.organizations().isEmpty()) {
            return true;
        }
        if (patient != null && settings.patients().contains(patient)) {
            return true;
        }
        return references.stream().anyMatch(settings.organizations()::contains);
    }
}
