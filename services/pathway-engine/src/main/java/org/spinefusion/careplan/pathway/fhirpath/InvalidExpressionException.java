package org.spinefusion.careplan.pathway.fhirpath;

/** A pathway FHIRPath expression that does not parse or cannot be evaluated: a defect of the artifact. */
public class InvalidExpressionException extends RuntimeException {

    public InvalidExpressionException(String expression, Throwable cause) {
        super("FHIRPath expression cannot be evaluated: " + expression + " (" + cause.getMessage() + ")", cause);
    }
}
