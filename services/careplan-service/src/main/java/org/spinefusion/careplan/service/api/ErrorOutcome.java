package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;

/**
 * The OperationOutcome for an error that never reached HAPI (refused by Tomcat or Spring): the status's own words and
 * a hint, never the request's path, query or the exception, which may hold input or internals.
 */
final class ErrorOutcome {

    static final String CONTENT_TYPE = "application/fhir+json;charset=UTF-8";

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private ErrorOutcome() {}

    static String json(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "Error" : known.getReasonPhrase();
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(code(status))
                .setDiagnostics(status + " " + reason + hint(status));
        return FHIR.newJsonParser().encodeResourceToString(outcome);
    }

    private static IssueType code(int status) {
        return switch (status) {
            case 401 -> IssueType.LOGIN;
            case 403 -> IssueType.FORBIDDEN;
            case 404 -> IssueType.NOTFOUND;
            case 405, 406, 415 -> IssueType.NOTSUPPORTED;
            case 413 -> IssueType.TOOCOSTLY;
            default -> status >= 500 ? IssueType.EXCEPTION : IssueType.INVALID;
        };
    }

    private static String hint(int status) {
        return switch (status) {
            case 400 -> ": the request could not be read; percent-encode reserved characters in its URL";
            case 404 -> ": nothing is served at this path; the FHIR API is under /fhir";
            default -> "";
        };
    }
}
