package org.spinefusion.careplan.service.definitions;

import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinefusion.careplan.pathway.PathwayPackage;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.storage.StoredResource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes the package's definitional artifacts into storage before the service reports ready. */
@Component
class DefinitionSeeder implements ApplicationRunner {

    static final Set<String> SEEDED_TYPES = Set.of(
            "PlanDefinition", "ActivityDefinition", "Questionnaire", "StructureDefinition", "ValueSet", "CodeSystem");

    private static final Logger log = LoggerFactory.getLogger(DefinitionSeeder.class);

    private final DefinitionsProperties properties;
    private final ObjectProvider<PathwayPackage> pathwayPackage;
    private final ResourceRepository repository;
    private final SeedLock lock;
    private final TransactionTemplate transaction;

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
    public void run(ApplicationArguments args) {
        if (properties.seedOnStartup()) {
            List<StoredResource> stored = seed();
            long written = stored.stream().filter(StoredResource::written).count();
            log.info("Seeded {} definitions, {} of them new or changed", stored.size(), written);
        }
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
