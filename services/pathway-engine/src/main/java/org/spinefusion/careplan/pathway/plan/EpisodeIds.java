package org.spinefusion.careplan.pathway.plan;

import org.hl7.fhir.r4.model.Identifier;
import org.spinefusion.careplan.pathway.Canonicals;
import org.spinefusion.careplan.pathway.Episode;
import org.spinefusion.careplan.pathway.episode.EpisodeReader;

/**
 * Deterministic ids and business identifiers for everything made for one episode, so that applying the same
 * episode again addresses the same resources instead of creating copies.
 */
public record EpisodeIds(String key) {

    public static EpisodeIds of(Episode episode) {
        return new EpisodeIds(episode.key());
    }

    public String carePlanId() {
        return "cp-" + hash(key);
    }

    public String goalId(String goal) {
        return "goal-" + hash(key + "#" + goal);
    }

    public String questionnaireId(String baseId) {
        return "q-" + hash(key + "#" + baseId);
    }

    public String communicationId(String actionId) {
        return "comm-" + hash(key + "#" + actionId);
    }

    public String provenanceId(String fingerprint) {
        return "prov-" + hash(key + "#" + fingerprint);
    }

    public Identifier carePlanIdentifier() {
        return identifier(Canonicals.ID_CAREPLAN, key);
    }

    public Identifier activityIdentifier(String actionId) {
        return identifier(Canonicals.ID_ACTIVITY, key + "#" + actionId);
    }

    public Identifier goalIdentifier(String goal) {
        return identifier(Canonicals.ID_GOAL, key + "#" + goal);
    }

    /**
     * Tailored Questionnaires are read by apps beyond the care team, so their identifier names the episode by its
     * care plan's opaque id, never by the EHR's order number: {@code cp-<hash>#<base id>}.
     */
    public Identifier questionnaireIdentifier(String baseId) {
        return identifier(Canonicals.ID_QUESTIONNAIRE, carePlanId() + "#" + baseId);
    }

    public Identifier communicationIdentifier(String actionId) {
        return identifier(Canonicals.ID_COMMUNICATION, key + "#" + actionId);
    }

    private static Identifier identifier(String system, String value) {
        return new Identifier()
                .setUse(Identifier.IdentifierUse.OFFICIAL)
                .setSystem(system)
                .setValue(value);
    }

    private static String hash(String text) {
        return EpisodeReader.sha256(text).substring(0, 24);
    }
}
