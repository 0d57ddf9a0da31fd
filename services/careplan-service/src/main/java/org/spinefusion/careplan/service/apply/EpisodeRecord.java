package org.spinefusion.careplan.service.apply;

import java.util.List;

/**
 * What the service remembers of an episode between applies.
 *
 * @param fingerprint the digest of the input last applied: equal input means nothing to do
 * @param communicationIds the planned messages the last plan had, so that ones the new plan drops are cancelled
 */
record EpisodeRecord(
        String episodeKey,
        String patientReference,
        String fingerprint,
        String carePlanId,
        List<String> communicationIds) {}
