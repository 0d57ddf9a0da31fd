package org.spinefusion.careplan.ehr;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.spinefusion.careplan.pathway.testing.EpisodeSpec;

/**
 * The traffic of one fault run: a few episodes of both regions with every kind of detail the plan turns into
 * resources (Goals, tailored Questionnaires, planned and immediate Communications), half of them operated two days
 * ago so a warning-sign response raises an alert (Communication, acknowledgement Task, cited Observations). The EHR
 * holds each Patient under its own id, with our patient id as the MRN.
 */
final class FaultTraffic {

    final String name;
    final List<EpisodeSpec> episodes = new ArrayList<>();
    /** The operated episodes, each of which gets a warning-sign response. */
    final List<EpisodeSpec> operated = new ArrayList<>();

    private FaultTraffic(String name) {
        this.name = name;
    }

    /** {@code count} episodes, alternating lumbar and cervical; the first {@code warningSigns} operated already. */
    static FaultTraffic of(String name, int count, int warningSigns) {
        FaultTraffic traffic = new FaultTraffic(name);
        for (int i = 0; i < count; i++) {
            boolean operated = i < warningSigns;
            String unique = name + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            LocalDate surgery = operated ? LocalDate.now().minusDays(2) : LocalDate.now().plusDays(3);
            EpisodeSpec episode = i % 2 == 0
                    ? EpisodeSpec.lumbar(unique, surgery, "approach-posterior", "technique-open", "graft-autologous",
                            "hardware-screws", "setting-inpatient", "closure-staples")
                    : EpisodeSpec.cervical(unique, surgery, "approach-anterior", "hardware-plates", "setting-inpatient");
            traffic.episodes.add(episode);
            if (operated) {
                traffic.operated.add(episode);
            }
        }
        return traffic;
    }

    /** Registers every Patient at the EHR (the EHR must be up). */
    void seedPatients(IGenericClient ehr) {
        for (EpisodeSpec episode : episodes) {
            Patient patient = new Patient();
            patient.addIdentifier().setSystem(EhrDeliveryIT.MRN).setValue(episode.patientId());
            patient.addName().setFamily("Test").addGiven(episode.name());
            ehr.create().resource(patient).execute();
        }
    }

    static CarePlan apply(IGenericClient api, EpisodeSpec episode) {
        Parameters parameters = new Parameters();
        parameters.addParameter("subject", new StringType(episode.patient().getReference()));
        parameters.addParameter().setName("data").setResource(episode.data());
        return api.operation()
                .onInstance("PlanDefinition/spinal-fusion-pathway")
                .named("$apply")
                .withParameters(parameters)
                .returnResourceType(CarePlan.class)
                .execute();
    }

    /** Fever with a red wound, answered in the episode's own symptom check: an alert. */
    static void warningSign(IGenericClient api, EpisodeSpec episode) {
        api.create()
                .resource(SymptomResponses.symptoms(api, episode, SymptomResponses.FEVER_WITH_REDNESS))
                .execute();
    }

    /** Every episode applied, then every warning sign posted, each through the next of {@code apis} in turn. */
    void post(List<IGenericClient> apis) {
        int turn = 0;
        for (EpisodeSpec episode : episodes) {
            apply(apis.get(turn++ % apis.size()), episode);
        }
        for (EpisodeSpec episode : operated) {
            warningSign(apis.get(turn++ % apis.size()), episode);
        }
    }
}
