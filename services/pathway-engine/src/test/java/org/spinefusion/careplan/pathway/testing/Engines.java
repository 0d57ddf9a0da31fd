package org.spinefusion.careplan.pathway.testing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.spinefusion.careplan.pathway.ApplyRequest;
import org.spinefusion.careplan.pathway.PathwayEngine;
import org.spinefusion.careplan.pathway.PathwayPackage;
import org.spinefusion.careplan.pathway.conformance.ProfileValidator;

/** One engine and one validator per test JVM: both take seconds to build and are thread-safe once built. */
public final class Engines {

    public static final String PATHWAY = "spinal-fusion-pathway";
    public static final ZoneId CLINIC = ZoneId.of("America/Chicago");
    public static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String EXAMPLES = "fhir-profiles/package/example/";

    private static PathwayPackage pathwayPackage;
    private static PathwayEngine engine;
    private static ProfileValidator validator;

    private Engines() {}

    public static synchronized PathwayPackage pathwayPackage() {
        if (pathwayPackage == null) {
            pathwayPackage = PathwayPackage.fromClasspath(FHIR);
        }
        return pathwayPackage;
    }

    public static synchronized PathwayEngine engine() {
        if (engine == null) {
            engine = new PathwayEngine(FHIR, pathwayPackage());
        }
        return engine;
    }

    public static synchronized ProfileValidator validator() {
        if (validator == null) {
            validator = new ProfileValidator(FHIR, pathwayPackage());
        }
        return validator;
    }

    /** The example instances of the package ({@code package/example/}), listed by that folder's index. */
    public static List<Resource> examples() {
        IParser parser = FHIR.newJsonParser();
        List<Resource> examples = new ArrayList<>();
        for (String file : exampleFiles()) {
            try (InputStream in = open(EXAMPLES + file)) {
                examples.add((Resource) parser.parseResource(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return examples;
    }

    private static List<String> exampleFiles() {
        try (InputStream in = open(EXAMPLES + ".index.json")) {
            List<String> files = new ArrayList<>();
            new ObjectMapper()
                    .readTree(in)
                    .path("files")
                    .forEach(f -> files.add(f.path("filename").asText()));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = Engines.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException(path + " is not on the classpath");
        }
        return in;
    }

    public static ApplyRequest request(EpisodeSpec episode, Instant now) {
        return new ApplyRequest(PATHWAY, episode.patient(), null, null, null, episode.data(), now, CLINIC);
    }
}
