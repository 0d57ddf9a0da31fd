package org.spinefusion.careplan.service.definitions;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinefusion.careplan.pathway.PathwayPackage;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.storage.StoredResource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the package's definitional artifacts into storage before the service reports ready. The writing starts on a
 * thread of its own as soon as every bean exists, so it overlaps the rest of start-up (Tomcat, the HAPI server, the
 * scheduler, the management port); the runner then waits for it, and readiness waits for the runner.
 */
@Component
class DefinitionSeeder implements SmartInitializingSingleton, ApplicationRunner {

    static final Set<String> SEEDED_TYPES = Set.of(
            "PlanDefinition", "ActivityDefinition", "Questionnaire", "StructureDefinition", "ValueSet", "CodeSystem");

    private static final Logger log = LoggerFactory.getLogger(DefinitionSeeder.class);

    private final DefinitionsProperties properties;
    private final ObjectProvider<PathwayPackage> pathwayPackage;
    private final ResourceRepository repository;
    private final SeedLock lock;
    private final TransactionTemplate transaction;
    private CompletableFuture<List<StoredResource>> seeding;

    DefinitionSeeder(
            DefinitionsProperties properties,
            ObjectProvider<PathwayPackage> pathwayPackage,
            ResourceRepository repository,
            SeedLock lock,
            TransactionTemplate transaction) {
        this.properties = properties;
        this.pathwayPackage = pathwayPackage;
        this.repository = repository;
        this.lock = lock;
        this.transaction = transaction;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (properties.seedOnStartup()) {
            SimpleAsyncTaskExecutor thread = new SimpleAsyncTaskExecutor("definition-seeding-");
            // Never what keeps a JVM alive, for instance when start-up fails while the seeding still runs.
            thread.setDaemon(true);
            seeding = CompletableFuture.supplyAsync(this::seed, thread);
        }
    }

    /** Waits for the seeding; a failure fails start-up with the seeding's own exception. */
    @Override
    public void run(ApplicationArguments args) {
        if (seeding == null) {
            return;
        }
        List<StoredResource> stored;
        try {
            stored = seeding.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        long written = stored.stream().filter(StoredResource::written).count();
        log.info("Seeded {} definitions, {} of them new or changed", stored.size(), written);
    }

    /** Copies are stored, because storing stamps versions on the resources and the engine shares the originals. */
    List<StoredResource> seed() {
        List<Resource> definitions = pathwayPackage.getObject().resources().stream()
                .filter(resource -> SEEDED_TYPES.contains(resource.fhirType()))
                .map(Resource::copy)
                .toList();
        return transaction.execute(status -> {
            lock.acquire();
            return repository.saveAll(definitions);
        });
    }
}
