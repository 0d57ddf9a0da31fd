package org.spinefusion.careplan.service.api;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a request body in a format the server does not read with 415, and a request for a response format other
 * than JSON ({@code Accept} or {@code _format}) with 406, each with an OperationOutcome, before HAPI sees it.
 * A servlet filter rather than a HAPI interceptor, because HAPI logs every exception an interceptor throws as an error.
 * FHIR XML is not read at all: no XML parser ever sees client input, so entity expansion and external entities cannot
 * reach one; responses are JSON only, as the CapabilityStatement says.
 */
class ContentTypeFilter extends OncePerRequestFilter {

    static final Set<String> ACCEPTED = Set.of(
            "application/fhir+json",
            "application/json",
            "application/json+fhir",
            "application/x-www-form-urlencoded",
            "application/json-patch+json");

    private final FhirContext fhirContext;

    ContentTypeFilter(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        String mediaType = mediaType(request.getContentType());
        if (hasBody && !ACCEPTED.contains(mediaType)) {
            refuse(
                    response,
                    HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported Content-Type " + SearchParameterCheck.quoted(mediaType)
                            + ": send FHIR as application/fhir+json");
            return;
        }
        String format = request.getParameter("_format");
        if (format != null && !JsonResponses.isJson(format)) {
            refuse(response, HttpServletResponse.SC_NOT_ACCEPTABLE, "_format: this server answers in FHIR JSON only");
            return;
        }
        String accept = request.getHeader("Accept");
        if (accept != null && !accept.isBlank()) {
            if (!JsonResponses.acceptsJson(accept)) {
                refuse(
                        response,
                        HttpServletResponse.SC_NOT_ACCEPTABLE,
                        "Accept: this server answers in FHIR JSON only (application/fhir+json)");
                return;
            }
            request = JsonResponses.askingForJson(request);
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletResponse response, int status, String diagnostics) throws IOException {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.NOTSUPPORTED)
                .setDiagnostics(diagnostics);
        response.setStatus(status);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }
}
