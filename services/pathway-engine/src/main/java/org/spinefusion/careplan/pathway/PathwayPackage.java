package org.spinefusion.careplan.pathway;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * The FHIR package of {@code fhir-profiles/}, loaded from the classpath through its {@code .index.json}, so that
 * exactly the indexed files are the pathway.
 */
public final class PathwayPackage {

    private static final String ROOT = "fhir-profiles/package/";

    private final List<Resource> resources;
    private final Map<String, Resource> byCanonical;

    private PathwayPackage(List<Resource> resources) {
        this.resources = List.copyOf(resources);
        this.byCanonical = new HashMap<>();
        for (Resource resource : resources) {
            if (resource instanceof MetadataResource metadata && metadata.hasUrl()) {
                byCanonical.put(metadata.getUrl(), resource);
                byCanonical.put(metadata.getUrl() + "|" + metadata.getVersion(), resource);
            }
        }
    }

    public static PathwayPackage fromClasspath(FhirContext fhirContext) {
        IParser parser = fhirContext.newJsonParser();
        List<Resource> resources = new ArrayList<>();
        for (String file : PackageIndex.read(open(".index.json")).files()) {
            try (InputStream in = open(file)) {
                resources.add((Resource) parser.parseResource(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + " from the pathway package", e);
            }
        }
        return new PathwayPackage(resources);
    }

    private static InputStream open(String file) {
        InputStream in = PathwayPackage.class.getClassLoader().getResourceAsStream(ROOT + file);
        if (in == null) {
            throw new IllegalStateException("the pathway package has no " + file + " on the classpath");
        }
        return in;
    }

    /**
     * This package with the artifact of the same url replaced: how a pathway author's change is tried before it is
     * released (the tests show that behaviour follows the data).
     */
    public PathwayPackage replacing(MetadataResource changed) {
        List<Resource> changedResources = new ArrayList<>();
        for (Resource resource : resources) {
            boolean same = resource instanceof MetadataResource metadata
                    && changed.getUrl().equals(metadata.getUrl());
            changedResources.add(same ? changed : resource);
        }
        return new PathwayPackage(changedResources);
    }

    /** Every artifact of the package: profiles, terminology, PlanDefinitions, ActivityDefinitions, Questionnaires. */
    public List<Resource> resources() {
        return resources;
    }

    /** Finds an artifact by {@code url} or {@code url|version}. */
    public <T extends Resource> Optional<T> byCanonical(String canonical, Class<T> type) {
        Resource found = byCanonical.get(canonical);
        return type.isInstance(found) ? Optional.of(type.cast(found)) : Optional.empty();
    }

    /** Finds an artifact by resource type and logical id. */
    public <T extends Resource> Optional<T> byId(Class<T> type, String id) {
        return resources.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(r -> id.equals(r.getIdElement().getIdPart()))
                .findFirst();
    }
}
