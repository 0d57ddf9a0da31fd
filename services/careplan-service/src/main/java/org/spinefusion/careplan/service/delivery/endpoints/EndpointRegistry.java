package org.spinefusion.careplan.service.delivery.endpoints;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinefusion.careplan.service.delivery.DeliveryProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The registered endpoints, from configuration and the admin operation, each with the capabilities last read from it.
 * Every replica keeps a short-lived copy, since the outbox consults it on every write.
 */
@Service
public class EndpointRegistry {

    private static final Logger log = LoggerFactory.getLogger(EndpointRegistry.class);

    private final EndpointRepository repository;
    private final CapabilityReader reader;
    private final DeliveryProperties properties;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(List.of(), Instant.MIN);

    EndpointRegistry(
            EndpointRepository repository, CapabilityReader reader, DeliveryProperties properties, Clock clock) {
        this.repository = repository;
        this.reader = reader;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerConfigured() {
        for (EndpointSettings settings : properties.endpoints()) {
            register(settings);
        }
    }

    /** Saves the endpoint and reads its capabilities; an endpoint that cannot be read yet is saved and read later. */
    public Endpoint register(EndpointSettings settings) {
        Capabilities capabilities = readQuietly(settings);
        repository.save(settings, capabilities, clock.instant());
        invalidate();
        return repository.find(settings.id()).orElseThrow();
    }

    /** Reads the endpoint's capabilities again; false when it could not be reached. */
    public boolean refresh(Endpoint endpoint) {
        Capabilities capabilities = readQuietly(endpoint.settings());
        if (capabilities == null) {
            return false;
        }
        repository.saveCapabilities(endpoint.id(), capabilities, clock.instant());
        invalidate();
        return true;
    }

    public void refreshAll() {
        repository.all().forEach(this::refresh);
    }

    public List<Endpoint> current() {
        Snapshot now = snapshot;
        if (now.read().plus(properties.endpointCacheLifetime()).isBefore(clock.instant())) {
            now = new Snapshot(repository.all(), clock.instant());
            snapshot = now;
        }
        return now.endpoints();
    }

    public Optional<Endpoint> find(String id) {
        return current().stream().filter(e -> e.id().equals(id)).findFirst().or(() -> repository.find(id));
    }

    void invalidate() {
        snapshot = new Snapshot(List.of(), Instant.MIN);
    }

    private Capabilities readQuietly(EndpointSettings settings) {
        try {
            return reader.read(settings);
        } catch (IOException | RuntimeException e) {
            log.warn("could not read the capabilities of endpoint {}: {}", settings.id(), e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private record Snapshot(List<Endpoint> endpoints, Instant read) {}
}
