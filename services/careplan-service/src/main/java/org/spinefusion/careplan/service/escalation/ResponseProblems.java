package org.spinefusion.careplan.service.escalation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * What is wrong with a submitted response, collected so the caller learns every problem at once. Messages name
 * linkIds and types only, never answer values: they may end up in logs of the systems in between.
 */
final class ResponseProblems {

    private record Problem(IssueType type, String expression, String message) {}

    private final List<Problem> problems = new ArrayList<>();

    /** Beyond this many, a hostile response (thousands of bad items) would get an answer as large as itself. */
    private static final int MAX_REPORTED = 50;

    void add(IssueType type, String expression, String message) {
        if (problems.size() < MAX_REPORTED) {
            problems.add(new Problem(type, expression, message));
        }
    }

    boolean any() {
        return !problems.isEmpty();
    }

    /** A 422 with one OperationOutcome issue per problem. */
    UnprocessableEntityException toException(FhirContext fhirContext) {
        OperationOutcome outcome = new OperationOutcome();
        for (Problem problem : problems) {
            outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(problem.type())
                    .setDiagnostics(problem.message())
                    .addExpression(problem.expression());
        }
        return new UnprocessableEntityException(fhirContext, outcome);
    }

    void throwIfAny(FhirContext fhirContext) {
        if (any()) {
            throw toException(fhirContext);
        }
    }
}
