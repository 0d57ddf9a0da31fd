package org.spinefusion.careplan.service.security;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Writes an OperationOutcome as the whole response, for refusals made before HAPI sees the request. */
final class OperationOutcomes {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private OperationOutcomes() {}

    static void write(HttpServletResponse response, int status, OperationOutcome.IssueType code, String diagnostics)
            throws IOException {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(code)
                .setDiagnostics(diagnostics);
        response.setStatus(status);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getWriter().write(FHIR.newJsonParser().encodeResourceToString(outcome));
    }
}
