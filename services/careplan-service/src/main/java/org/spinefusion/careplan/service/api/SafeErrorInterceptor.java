package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps internals out of error responses: client errors pass with their message, less any unplain input it repeats
 * ({@link EchoFreeMessages}; HAPI turns them into OperationOutcomes),
 * an unparseable value becomes a 400, and anything else a 500 that carries only an incident id. The incident is logged
 * with the exception type; the stack trace, which may hold data, only at debug.
 */
@Component
@Interceptor
class SafeErrorInterceptor {

    private static final Logger log = LoggerFactory.getLogger(SafeErrorInterceptor.class);

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException toSafeException(RequestDetails request, Throwable error) {
        if (error instanceof BaseServerResponseException response && response.getStatusCode() < 500) {
            return EchoFreeMessages.withoutEcho(response, request);
        }
        DataFormatException badContent = findCause(error, DataFormatException.class);
        if (badContent != null) {
            // Bodies are parsed (and explained) before HAPI; what fails here is a value in the URL, not repeated back.
            return new InvalidRequestException(
                    "A value in the request is not valid FHIR: check the format of its dates, numbers and codes");
        }
        if (thrownByParser(error)) {
            // HAPI's parser fails on some malformed bodies (an extension that is not an object) with a bare
            // NullPointerException; the server parses only request bodies, so the body is at fault.
            return new InvalidRequestException("The request body is not valid FHIR JSON");
        }
        String incident = UUID.randomUUID().toString();
        log.error(
                "Incident {}: {} while serving {} {}",
                incident,
                rootCause(error).getClass().getName(),
                request.getRequestType(),
                request.getResourceName());
        log.debug("Incident {} in detail", incident, error);
        return new InternalErrorException("The server could not complete the request (incident " + incident + ")");
    }

    private static <T extends Throwable> T findCause(Throwable error, Class<T> type) {
        for (Throwable next = error; next != null; next = next.getCause()) {
            if (type.isInstance(next)) {
                return type.cast(next);
            }
        }
        return null;
    }

    private static boolean thrownByParser(Throwable error) {
        for (Throwable next = error; next != null; next = next.getCause()) {
            StackTraceElement[] frames = next.getStackTrace();
            if (frames.length > 0 && frames[0].getClassName().startsWith("ca.uhn.fhir.parser.")) {
                return true;
            }
            for (StackTraceElement frame : frames) {
                if (frame.getClassName().startsWith("ca.uhn.fhir.parser.")) {
                    return true;
                }
                if (frame.getClassName().startsWith("org.spinefusion.")) {
                    break;
                }
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
