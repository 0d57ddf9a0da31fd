package org.spinefusion.careplan.service.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Checks a JSON body against the request limits by streaming its tokens once, without building a document: nesting,
 * string, name and number lengths are the JSON parser's own {@link StreamReadConstraints}; duplicate keys are the
 * parser's strict duplicate detection. Number magnitude is checked here because no parser limit covers it: a short
 * token such as {@code 1e999999999} is a valid JSON number whose written-out form (which HAPI produces for every
 * decimal) has a billion digits.
 */
final class JsonLimits {

    /** A refusal: the status, the issue code and a sentence that names the limit but never echoes the input. */
    record Violation(int status, IssueType code, String diagnostics) {}

    private final JsonFactory factory;
    private final SecurityProperties.Limits limits;

    JsonLimits(SecurityProperties.Limits limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxJsonDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(limits.maxNameLength())
                        .maxNumberLength(limits.maxNumberLength())
                        .maxDocumentLength(limits.maxRequestBody().toBytes())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    /** The first limit the body breaks, or empty when it is well-formed JSON within every limit. */
    Optional<Violation> check(byte[] body) {
        try (JsonParser parser = factory.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.VALUE_STRING && parser.getTextLength() > limits.maxStringLength()) {
                    return Optional.of(tooLong());
                }
                if (token == JsonToken.VALUE_NUMBER_FLOAT && exponentTooLarge(parser.getText())) {
                    return Optional.of(new Violation(
                            400,
                            IssueType.TOOCOSTLY,
                            "A number may have at most " + limits.maxNumberLength() + " digits when written out"));
                }
            }
            return Optional.empty();
        } catch (StreamConstraintsException tooLarge) {
            return Optional.of(constraint(tooLarge));
        } catch (IOException malformed) {
            return Optional.of(new Violation(
                    400, IssueType.STRUCTURE, "The request body is not valid JSON" + position(malformed)));
        }
    }

    private Violation constraint(StreamConstraintsException exception) {
        String message = exception.getOriginalMessage();
        if (message.contains("nesting depth")) {
            return new Violation(
                    400, IssueType.STRUCTURE, "JSON nested deeper than " + limits.maxJsonDepth() + " levels");
        }
        if (message.contains("String value length") || message.contains("Name length")) {
            return new Violation(
                    422,
                    IssueType.TOOCOSTLY,
                    "A value may be at most " + limits.maxStringLength() + " characters long");
        }
        if (message.contains("Number value length")) {
            return new Violation(
                    400, IssueType.TOOCOSTLY, "A number may have at most " + limits.maxNumberLength() + " digits");
        }
        return new Violation(413, IssueType.TOOCOSTLY, "The request body exceeds the service's limits");
    }

    /** Jackson checks string length only for strings it is asked to build, so every value is measured here. */
    private Violation tooLong() {
        return new Violation(
                422, IssueType.TOOCOSTLY, "A value may be at most " + limits.maxStringLength() + " characters long");
    }

    private boolean exponentTooLarge(String number) {
        int e = Math.max(number.indexOf('e'), number.indexOf('E'));
        if (e < 0) {
            return false;
        }
        String exponent = number.substring(e + 1).replaceFirst("^[+-]", "").replaceFirst("^0+", "");
        return exponent.length() > 9
                || Integer.parseInt(exponent.isEmpty() ? "0" : exponent) > limits.maxNumberLength();
    }

    /** Line and column only: the parser's own message may quote the offending text. */
    private static String position(IOException malformed) {
        if (malformed instanceof com.fasterxml.jackson.core.JsonProcessingException processing
                && processing.getLocation() != null) {
            return " (line " + processing.getLocation().getLineNr() + ", column "
                    + processing.getLocation().getColumnNr() + ")";
        }
        return "";
    }
}
