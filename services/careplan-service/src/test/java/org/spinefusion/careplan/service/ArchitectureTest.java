package org.spinefusion.careplan.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Module boundaries: the engine knows no Spring; storage knows nothing of the HTTP API. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.spinefusion.careplan");

    @Test
    void keepsThePathwayEngineFreeOfSpring() {
        noClasses()
                .that()
                .resideInAPackage("org.spinefusion.careplan.pathway..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(CLASSES);
    }

    @Test
    void keepsStorageIndependentOfTheApi() {
        noClasses()
                .that()
                .resideInAPackage("org.spinefusion.careplan.service.storage..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.spinefusion.careplan.service.api..")
                .check(CLASSES);
    }
}
