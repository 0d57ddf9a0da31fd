package org.spinefusion.careplan.service.apply;

/**
 * An episode as other features see it: whose it is and which CarePlan is its plan now.
 *
 * @param episodeKey the surgery request's identifier ({@code system|value})
 * @param patientReference {@code Patient/<id>}
 * @param carePlanId the id of the episode's CarePlan
 */
public record EpisodeSummary(String episodeKey, String patientReference, String carePlanId) {}
