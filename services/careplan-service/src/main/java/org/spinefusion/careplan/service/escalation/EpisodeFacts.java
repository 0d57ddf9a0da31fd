package org.spinefusion.careplan.service.escalation;

/**
 * What the service knows of the episode a response belongs to.
 *
 * @param episodeKey {@code <identifier.system>|<identifier.value>} of the surgery request
 * @param carePlanStatus the status of the episode's current CarePlan ({@code revoked} once the surgery is cancelled)
 */
record EpisodeFacts(String episodeKey, String patientReference, String carePlanId, String carePlanStatus) {

    boolean revoked() {
        return "revoked".equals(carePlanStatus);
    }
}
