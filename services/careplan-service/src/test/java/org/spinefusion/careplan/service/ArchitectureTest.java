package org.spinefusion.careplan.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.Patch;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.server.IResourceProvider;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.security.OperationRights;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The house's rooms: the engine knows no Spring; storage knows nothing of the HTTP API; the features form no cycle;
 * each feature's tables are its own (others ask its published types), and each lock is taken in one place; one
 * provider class writes each resource type;
 * each setting is bound once and never read raw; an operation's rights are declared by the feature that has it.
 */
class ArchitectureTest {

    private static final String SERVICE = "org.spinefusion.careplan.service";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.spinefusion.careplan");
    private static final Path MAIN_SOURCES =
            Path.of("src", "main", "java", "org", "spinefusion", "careplan", "service");
    private static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");

    /** Which package owns each table its migrations create. db-scheduler owns its own. */
    private static final Map<String, String> TABLE_OWNERS = Map.ofEntries(
            Map.entry("resource_current", "storage"),
            Map.entry("resource_version", "storage"),
            Map.entry("search_snapshot", "storage"),
            Map.entry("episode", "apply"),
            Map.entry("escalation", "escalation"),
            Map.entry("escalation_finding", "escalation"),
            Map.entry("delivery", "delivery"),
            Map.entry("delivery_endpoint", "delivery"),
            Map.entry("delivery_signing_key", "delivery"),
            Map.entry("audit_event", "security"),
            Map.entry("scheduled_tasks", "db-scheduler"));

    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern TABLE_USE = Pattern.compile("(?i)\\b(?:from|join|into|update|table)\\s+([a-z_]+)\\b");
    private static final Pattern RAW_SETTING =
            Pattern.compile("getProperty\\(\\s*\"careplan\\.|@Value\\(\\s*\"\\$\\{careplan\\.");

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
                .resideInAPackage(SERVICE + ".storage..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(SERVICE + ".api..")
                .check(CLASSES);
    }

    @Test
    void featuresDependOnEachOtherWithoutCycles() {
        slices().matching(SERVICE + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** Delivery's stages (queue, translate, send, ledger, watch, endpoints, admin) depend on each other one way. */
    @Test
    void deliveryStagesDependOnEachOtherWithoutCycles() {
        slices().matching(SERVICE + ".delivery.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void everyTableHasAnOwner() throws IOException {
        Pattern create = Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_]+)");
        Set<String> created = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.toList()) {
                Matcher matcher = create.matcher(Files.readString(file));
                while (matcher.find()) {
                    created.add(matcher.group(1).toLowerCase());
                }
            }
        }
        assertThat(created).isNotEmpty();
        assertThat(TABLE_OWNERS.keySet()).containsAll(created);
    }

    /** SQL lives in string literals, where ArchUnit cannot look: the main sources are read instead. */
    @Test
    void eachFeatureQueriesOnlyItsOwnTables() throws IOException {
        List<String> trespasses = new ArrayList<>();
        for (Path file : mainSources()) {
            String feature = MAIN_SOURCES.relativize(file).getName(0).toString();
            for (String literal : stringLiterals(Files.readString(file))) {
                Matcher use = TABLE_USE.matcher(literal);
                while (use.find()) {
                    String table = use.group(1).toLowerCase();
                    String owner = TABLE_OWNERS.get(table);
                    if (owner != null && !owner.equals(feature) && !owner.equals("db-scheduler")) {
                        trespasses.add(MAIN_SOURCES.relativize(file) + " uses " + owner + "'s table " + table);
                    }
                }
            }
        }
        assertThat(trespasses).isEmpty();
    }

    /** A lock taken in two places can drift apart (another key space, another hash) and then guards nothing. */
    @Test
    void eachAdvisoryLockIsTakenInOnePlace() throws IOException {
        Map<String, Set<String>> takenIn = new TreeMap<>();
        for (Path file : mainSources()) {
            for (String literal : stringLiterals(Files.readString(file))) {
                if (literal.toLowerCase().contains("pg_advisory")) {
                    String lock = literal.toLowerCase()
                            .replaceAll(":[a-z_]+|\\?", "?")
                            .replaceAll("\\s+", " ")
                            .trim();
                    takenIn.computeIfAbsent(lock, key -> new TreeSet<>())
                            .add(MAIN_SOURCES.relativize(file).toString());
                }
            }
        }
        assertThat(takenIn).isNotEmpty();
        assertThat(takenIn)
                .allSatisfy((lock, files) -> assertThat(files).as(lock).hasSize(1));
    }

    @Test
    void oneProviderClassWritesEachResourceType() {
        Map<String, Set<String>> writers = new TreeMap<>();
        for (JavaClass provider : CLASSES) {
            if (!provider.isAssignableTo(IResourceProvider.class) || provider.isInterface()) {
                continue;
            }
            boolean writes = provider.getMethods().stream().anyMatch(ArchitectureTest::isWrite);
            if (writes) {
                writers.computeIfAbsent(resourceType(provider), type -> new TreeSet<>())
                        .add(provider.getName());
            }
        }
        assertThat(writers.keySet())
                .contains("org.hl7.fhir.r4.model.QuestionnaireResponse", "org.hl7.fhir.r4.model.Task")
                .noneMatch(type -> type.endsWith("(type unknown)"));
        assertThat(writers)
                .allSatisfy((type, classes) ->
                        assertThat(classes).as(type + " is written by").hasSize(1));
    }

    @Test
    void eachSettingIsBoundOnce() throws ClassNotFoundException {
        Map<String, String> boundBy = new TreeMap<>();
        List<String> twice = new ArrayList<>();
        for (JavaClass bound : CLASSES) {
            if (!bound.isAnnotatedWith(ConfigurationProperties.class)) {
                continue;
            }
            ConfigurationProperties annotation = bound.getAnnotationOfType(ConfigurationProperties.class);
            String prefix = annotation.value().isEmpty() ? annotation.prefix() : annotation.value();
            Class<?> type = Class.forName(bound.getName());
            assertThat(type.isRecord())
                    .as(bound.getName() + " binds as a record")
                    .isTrue();
            for (RecordComponent component : type.getRecordComponents()) {
                String name = prefix + "." + kebab(component.getName());
                String earlier = boundBy.put(name, bound.getName());
                if (earlier != null) {
                    twice.add(name + ": " + earlier + " and " + bound.getName());
                }
            }
        }
        for (String name : boundBy.keySet()) {
            for (String other : boundBy.keySet()) {
                if (other.startsWith(name + ".")) {
                    twice.add(other + " inside " + name + ": " + boundBy.get(other) + " and " + boundBy.get(name));
                }
            }
        }
        assertThat(boundBy).containsKey("careplan.base-url");
        assertThat(twice).isEmpty();
    }

    /** A setting read from the Environment or by @Value escapes its binding (defaults, validation, its owner). */
    @Test
    void noSettingIsReadRaw() throws IOException {
        List<String> raw = new ArrayList<>();
        for (Path file : mainSources()) {
            String[] lines = Files.readString(file).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (RAW_SETTING.matcher(lines[i]).find()) {
                    raw.add(MAIN_SOURCES.relativize(file) + ":" + (i + 1) + " " + lines[i].trim());
                }
            }
        }
        assertThat(raw).isEmpty();
    }

    /** Security enforces rights; the feature that has an operation says what it needs. */
    @Test
    void operationRightsAreDeclaredByTheFeatureOfTheOperation() {
        noFields()
                .that()
                .haveRawType(OperationRights.class)
                .should()
                .beDeclaredInClassesThat()
                .resideInAPackage(SERVICE + ".security..")
                .allowEmptyShould(true)
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage(SERVICE + ".security..")
                .should()
                .callConstructor(OperationRights.class, String.class, String.class, String.class)
                .check(CLASSES);
    }

    private static boolean isWrite(JavaMethod method) {
        return method.isAnnotatedWith(Create.class)
                || method.isAnnotatedWith(Update.class)
                || method.isAnnotatedWith(Patch.class)
                || method.isAnnotatedWith(Delete.class);
    }

    private static String resourceType(JavaClass provider) {
        JavaMethod getter = provider.getMethod("getResourceType");
        if (getter.getReturnType() instanceof JavaParameterizedType parameterized
                && !parameterized.getActualTypeArguments().isEmpty()) {
            return parameterized.getActualTypeArguments().get(0).getName();
        }
        return provider.getName() + " (type unknown)";
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            List<Path> sources = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> MAIN_SOURCES.relativize(file).getNameCount() > 1)
                    .toList();
            assertThat(sources).isNotEmpty();
            return sources;
        }
    }

    private static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        Matcher block = TEXT_BLOCK.matcher(source);
        StringBuilder rest = new StringBuilder();
        while (block.find()) {
            literals.add(block.group(1));
            block.appendReplacement(rest, "");
        }
        block.appendTail(rest);
        Matcher string = STRING.matcher(rest);
        while (string.find()) {
            literals.add(string.group(1));
        }
        return literals;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
