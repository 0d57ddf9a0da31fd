package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.util.UrlUtil;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * HAPI's client-error messages quote what was asked for ("Resource CarePlan/x is not known"). A plain FHIR name or id
 * may stay, as it tells the caller what was wrong; anything else taken from the request's path or parameters (markup,
 * quotes, spaces, long values) is replaced, so an error never reflects arbitrary input back.
 */
final class EchoFreeMessages {

    static final String REPLACEMENT = "(the value given)";
    private static final String PLAIN = "[A-Za-z0-9_:./|-]{1,64}";

    private EchoFreeMessages() {}

    /** The same exception when its message repeats no unplain input, else one of the same status without it. */
    static BaseServerResponseException withoutEcho(BaseServerResponseException error, RequestDetails request) {
        String message = error.getMessage();
        if (message == null || error.getOperationOutcome() != null) {
            return error;
        }
        String cleaned = message;
        for (String input : inputs(request)) {
            // HAPI quotes some values HTML-escaped: those are replaced as well.
            cleaned = cleaned.replace(input, REPLACEMENT).replace(UrlUtil.sanitizeUrlPart(input), REPLACEMENT);
        }
        if (cleaned.equals(message)) {
            return error;
        }
        BaseServerResponseException safe = BaseServerResponseException.newInstance(error.getStatusCode(), cleaned);
        if (error.getResponseHeaders() != null) {
            error.getResponseHeaders().forEach((name, values) -> values.forEach(v -> safe.addResponseHeader(name, v)));
        }
        return safe;
    }

    /** Longest first, so that a value is replaced whole before any part of it could be. */
    private static List<String> inputs(RequestDetails request) {
        List<String> inputs = new ArrayList<>();
        if (request.getRequestPath() != null) {
            for (String segment : request.getRequestPath().split("/")) {
                inputs.add(segment);
                inputs.add(UrlUtil.unescape(segment));
            }
        }
        request.getParameters().forEach((name, values) -> {
            inputs.add(name);
            inputs.addAll(List.of(values));
        });
        return inputs.stream()
                .filter(input -> !input.isEmpty() && !input.matches(PLAIN))
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }
}
