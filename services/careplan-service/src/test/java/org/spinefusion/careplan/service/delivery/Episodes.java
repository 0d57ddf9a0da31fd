package org.spinefusion.careplan.service.delivery;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.CarePlan;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;
import org.spinefusion.careplan.service.support.FhirClients;
import org.spinefusion.careplan.service.support.Fixtures;

/** Plans made the way EHRs make them: $apply over HTTP. */
final class Episodes {

    private Episodes() {}

    static EpisodeSpec episode() {
        return EpisodeSpec.lumbar(
                Fixtures.unique("dlv"),
                LocalDate.of(2027, 3, 2),
                "approach-posterior",
                "technique-open",
                "graft-autologous",
                "hardware-screws",
                "setting-inpatient",
                "closure-staples");
    }

    static CarePlan apply(int port, EpisodeSpec episode) {
        return FhirClients.applyPathway(port, episode);
    }
}
