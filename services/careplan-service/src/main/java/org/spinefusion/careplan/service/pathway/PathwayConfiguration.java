package org.spinefusion.careplan.service.pathway;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.ZoneId;
import org.spinefusion.careplan.pathway.PathwayEngine;
import org.spinefusion.careplan.pathway.PathwayPackage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The pathway engine and what it and the rest of the service share. */
@Configuration(proxyBeanMethods = false)
class PathwayConfiguration {

    /**
     * The service's own FHIR context. Provenance must name the exact versions it describes, so the parser keeps
     * versions in {@code Provenance.target} (it strips them from references by default).
     */
    @Bean
    FhirContext fhirContext() {
        FhirContext fhirContext = FhirContext.forR4();
        fhirContext.getParserOptions().setDontStripVersionsFromReferencesAtPaths("Provenance.target");
        return fhirContext;
    }

    @Bean
    @Lazy
    PathwayPackage pathwayPackage(FhirContext fhirContext) {
        return PathwayPackage.fromClasspath(fhirContext);
    }

    @Bean
    @Lazy
    PathwayEngine pathwayEngine(FhirContext fhirContext, PathwayPackage pathwayPackage) {
        return new PathwayEngine(fhirContext, pathwayPackage);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ZoneId clinicZone(ClinicProperties properties) {
        return properties.clinicTimeZone();
    }
}
