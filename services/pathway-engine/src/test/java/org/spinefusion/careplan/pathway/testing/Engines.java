package org.spinefusion.careplan.pathway.testing;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.time.ZoneId;
import org.spinefusion.careplan.pathway.ApplyRequest;
import org.spinefusion.careplan.pathway.PathwayEngine;
import org.spinefusion.careplan.pathway.PathwayPackage;
import org.spinefusion.careplan.pathway.conformance.ProfileValidator;

/** One engine and one validator per test JVM: both take seconds to build and are thread-safe once built. */
public final class Engines {

    public static final String PATHWAY = "spinal-fusion-pathway";
    public static final ZoneId CLINIC = ZoneId.of("America/Chicago");
    public static final FhirContext FHIR = FhirContext.forR4Cached();

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

    public static ApplyRequest request(EpisodeSpec episode, Instant now) {
        return new ApplyRequest(PATHWAY, episode.patient(), null, null, null, episode.data(), now, CLINIC);
    }
}
