package org.spinefusion.careplan.service.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.pathway.PathwayPackage;
import org.spinefusion.careplan.service.storage.ResourceRepository;
import org.spinefusion.careplan.service.storage.StoredResource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The seeding starts once every bean exists, on its own thread, and start-up waits for it in the runner. */
class DefinitionSeederTest {

    private static final PathwayPackage PACKAGE = PathwayPackage.fromClasspath(FhirContext.forR4Cached());
    private static final StoredResource STORED =
            new StoredResource("PlanDefinition", "spinal-fusion-pathway", 1, Instant.EPOCH, true);

    private final ResourceRepository repository = mock(ResourceRepository.class);

    @Test
    void theRunnerWaitsForTheSeedingStartedWhenTheBeansExist() {
        AtomicReference<String> seedingThread = new AtomicReference<>();
        when(repository.saveAll(anyList())).thenAnswer(call -> {
            seedingThread.set(Thread.currentThread().getName());
            return List.of(STORED);
        });
        DefinitionSeeder seeder = seeder(true);

        seeder.afterSingletonsInstantiated();
        seeder.run(null);

        assertThat(seedingThread.get()).startsWith("definition-seeding-");
        verify(repository).saveAll(anyList());
    }

    @Test
    void aFailedSeedingFailsStartUpWithItsOwnException() {
        when(repository.saveAll(anyList())).thenThrow(new DataAccessResourceFailureException("database gone"));
        DefinitionSeeder seeder = seeder(true);

        seeder.afterSingletonsInstantiated();

        assertThatThrownBy(() -> seeder.run(null))
                .isInstanceOf(DataAccessResourceFailureException.class)
                .hasMessage("database gone");
    }

    @Test
    void seedsNothingWhenSeedingIsOff() {
        DefinitionSeeder seeder = seeder(false);

        seeder.afterSingletonsInstantiated();
        seeder.run(null);

        verify(repository, never()).saveAll(anyList());
    }

    @SuppressWarnings("unchecked")
    private DefinitionSeeder seeder(boolean seedOnStartup) {
        ObjectProvider<PathwayPackage> pathwayPackage = mock(ObjectProvider.class);
        when(pathwayPackage.getObject()).thenReturn(PACKAGE);
        return new DefinitionSeeder(
                new DefinitionsProperties(seedOnStartup),
                pathwayPackage,
                repository,
                mock(SeedLock.class),
                new TransactionTemplate(mock(PlatformTransactionManager.class)));
    }
}
