package org.spinefusion.careplan.service.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * What Spring's own error pages say, above all the management port's (8081), where the actuator renders errors
 * itself: an OperationOutcome in JSON with the status's own words, like the application port's errors, instead of
 * Spring's map that repeats the request's path and may carry the exception's message. Still records the exception
 * for logging, as Spring's does.
 */
@Component
class EchoFreeErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Object code = super.getErrorAttributes(request, ErrorAttributeOptions.defaults())
                .get("status");
        return outcome(code instanceof Integer value && value >= 400 ? value : 500);
    }

    /** The OperationOutcome for this status, as a JSON object. */
    static Map<String, Object> outcome(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return Map.of(
                "resourceType",
                "OperationOutcome",
                "issue",
                List.of(Map.of(
                        "severity",
                        "error",
                        "code",
                        issueCode(status),
                        "diagnostics",
                        status + " " + (known == null ? "Error" : known.getReasonPhrase()))));
    }

    private static String issueCode(int status) {
        return switch (status) {
            case 401 -> "login";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405, 406, 415 -> "not-supported";
            default -> status >= 500 ? "exception" : "invalid";
        };
    }
}
