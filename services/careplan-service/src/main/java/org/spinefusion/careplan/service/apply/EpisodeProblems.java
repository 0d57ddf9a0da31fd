package org.spinefusion.careplan.service.apply;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.spinefusion.careplan.pathway.EpisodeProblem;
import org.spinefusion.careplan.pathway.InvalidEpisodeException;
import org.springframework.stereotype.Component;

/** Turns what is wrong with an $apply call into the HTTP error and OperationOutcome the caller gets. */
@Component
class EpisodeProblems {

    private final FhirContext fhirContext;

    EpisodeProblems(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    void requireParameters(StringType subject, Bundle data) {
        if (subject == null || subject.isEmpty()) {
            throw new InvalidRequestException("the subject parameter (Patient/<id>) is required");
        }
        if (data == null) {
            throw new InvalidRequestException(
                    "the data parameter (a Bundle with the surgery ServiceRequest) is required");
        }
    }

    BaseServerResponseException toHttpError(InvalidEpisodeException e) {
        OperationOutcome outcome = new OperationOutcome();
        for (EpisodeProblem problem : e.problems()) {
            outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.fromCode(problem.code()))
                    .setDiagnostics(problem.message())
                    .addExpression(problem.expression());
        }
        boolean unknownDefinition = e.problems().stream().anyMatch(p -> p.code().equals("not-found"));
        if (unknownDefinition) {
            return new ResourceNotFoundException(e.getMessage(), outcome);
        }
        return new UnprocessableEntityException(fhirContext, outcome);
    }
}
