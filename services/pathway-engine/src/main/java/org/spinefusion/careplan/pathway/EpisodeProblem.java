package org.spinefusion.careplan.pathway;

/**
 * One thing wrong with an episode input, reported to the caller as an OperationOutcome issue.
 *
 * @param code the FHIR issue type code (invalid, required, code-invalid, not-found, conflict, ...)
 * @param expression the FHIRPath of the offending element, for example {@code ServiceRequest.occurrence}
 * @param message what is wrong, in words an integrator can act on (never patient data)
 */
public record EpisodeProblem(String code, String expression, String message) {}
