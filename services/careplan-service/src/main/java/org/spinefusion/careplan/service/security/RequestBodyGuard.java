package org.spinefusion.careplan.service.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Inspects request bodies before HAPI (or an admin controller) parses them: larger than the cap is 413 without
 * reading further; JSON nested deeper than the limit is 400 without building it; XML entity declarations are 400;
 * then a FHIR JSON body is parsed once here and checked by {@link ResourceContentRules} (Bundle entries 413, unsafe
 * narrative, scripts, huge values or foreign references 422). A body that does not parse strictly is 400 here.
 */
class RequestBodyGuard extends OncePerRequestFilter {

    private static final Set<String> FHIR_JSON =
            Set.of("application/fhir+json", "application/json", "application/json+fhir");

    private final FhirContext fhirContext;
    private final SecurityProperties.Limits limits;
    private final ResourceContentRules rules;
    private final String configuredBase;

    RequestBodyGuard(FhirContext fhirContext, SecurityProperties.Limits limits, String configuredBase) {
        this.fhirContext = fhirContext;
        this.limits = limits;
        this.rules = new ResourceContentRules(fhirContext, limits.maxBundleEntries(), limits.maxStringLength());
        this.configuredBase = configuredBase;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        long declared = request.getContentLengthLong();
        if (declared <= 0 && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        long max = limits.maxRequestBody().toBytes();
        if (declared > max) {
            refuse(response, 413, IssueType.TOOCOSTLY, "The request body is larger than " + max + " bytes");
            return;
        }
        String mediaType = mediaType(request.getContentType());
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) max + 1);
        if (body.length > max) {
            refuse(response, 413, IssueType.TOOCOSTLY, "The request body is larger than " + max + " bytes");
            return;
        }
        if (JsonShape.nestsDeeperThan(body, limits.maxJsonDepth())) {
            refuse(response, 400, IssueType.STRUCTURE, "JSON nested deeper than " + limits.maxJsonDepth() + " levels");
            return;
        }
        if (JsonShape.hasStringLongerThan(body, limits.maxStringLength())) {
            refuse(response, 422, IssueType.TOOCOSTLY, "A value may be at most " + limits.maxStringLength() + " bytes");
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("<!doctype") || lower.contains("<!entity")) {
            refuse(response, 400, IssueType.SECURITY, "Document type and entity declarations are not accepted");
            return;
        }
        if (FHIR_JSON.contains(mediaType) && request.getRequestURI().contains("/fhir/")) {
            if (ResourceContentRules.scriptInText(lower)) {
                refuse(response, 422, IssueType.SECURITY, "Text may not contain scripts");
                return;
            }
            IBaseResource resource;
            try {
                resource = strictParser().parseResource(text);
            } catch (DataFormatException | IllegalArgumentException | ClassCastException notFhir) {
                refuse(
                        response,
                        400,
                        IssueType.STRUCTURE,
                        "The request body is not valid FHIR JSON: " + firstLine(notFhir.getMessage()));
                return;
            }
            Optional<String> tooLarge = rules.tooLarge(resource);
            if (tooLarge.isPresent()) {
                refuse(response, 413, IssueType.TOOCOSTLY, tooLarge.get());
                return;
            }
            Optional<String> unsafe = rules.unsafe(resource, ownBase(request));
            if (unsafe.isPresent()) {
                refuse(response, 422, IssueType.SECURITY, unsafe.get());
                return;
            }
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    /**
     * Strict: an unknown element or a value of the wrong type is refused here, where HAPI's lenient parser would
     * drop it silently and act on the rest.
     */
    private IParser strictParser() {
        IParser parser = fhirContext.newJsonParser();
        parser.setParserErrorHandler(new StrictErrorHandler());
        return parser;
    }

    /** Parser messages name elements and positions, never values beyond the offending token; one line is enough. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    private String ownBase(HttpServletRequest request) {
        if (StringUtils.hasText(configuredBase)) {
            return configuredBase.replaceAll("/+$", "");
        }
        String url = request.getRequestURL().toString();
        int fhir = url.indexOf("/fhir/");
        return fhir < 0 ? null : url.substring(0, fhir + "/fhir".length());
    }

    private static void refuse(HttpServletResponse response, int status, IssueType code, String why)
            throws IOException {
        OperationOutcomes.write(response, status, code, why);
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    /** The request with its body already read, so the handler reads the same bytes. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("Synchronous reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws IOException {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
