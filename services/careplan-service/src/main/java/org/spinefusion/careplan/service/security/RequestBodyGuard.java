package org.spinefusion.careplan.service.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Inspects request bodies before HAPI (or an admin controller) parses them: larger than the cap is 413 without
 * reading further; XML entity declarations and script markers are refused; a JSON body is streamed once through
 * {@link JsonLimits} (nesting, string, name and number limits, duplicate keys) without building it. HAPI then parses
 * the body once, strictly, and {@link IncomingResourceCheck} checks the parsed resource.
 */
class RequestBodyGuard extends OncePerRequestFilter {

    private static final Set<String> JSON_TYPES =
            Set.of("application/fhir+json", "application/json", "application/json+fhir");

    private final SecurityProperties.Limits limits;
    private final JsonLimits jsonLimits;

    RequestBodyGuard(SecurityProperties.Limits limits) {
        this.limits = limits;
        this.jsonLimits = new JsonLimits(limits);
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
        byte[] body = readWithin(request, max + 1, limits.maxBodyReadTime());
        if (body == null) {
            refuse(
                    response,
                    408,
                    IssueType.TIMEOUT,
                    "The request body did not arrive within "
                            + limits.maxBodyReadTime().toSeconds() + " seconds");
            return;
        }
        if (body.length > max) {
            refuse(response, 413, IssueType.TOOCOSTLY, "The request body is larger than " + max + " bytes");
            return;
        }
        String lower = new String(body, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        if (lower.contains("<!doctype") || lower.contains("<!entity")) {
            refuse(response, 400, IssueType.SECURITY, "Document type and entity declarations are not accepted");
            return;
        }
        if (JSON_TYPES.contains(mediaType)) {
            Optional<JsonLimits.Violation> violation = jsonLimits.check(body);
            if (violation.isPresent()) {
                refuse(
                        response,
                        violation.get().status(),
                        violation.get().code(),
                        violation.get().diagnostics());
                return;
            }
            if (request.getRequestURI().contains("/fhir/") && ResourceContentRules.scriptInText(lower)) {
                refuse(response, 422, IssueType.SECURITY, "Text may not contain scripts");
                return;
            }
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    /**
     * Reads at most {@code limit} bytes, or returns null once {@code deadline} has passed: a client trickling its body
     * holds a thread only that long (each read also ends after Tomcat's connection timeout without data).
     */
    private static byte[] readWithin(HttpServletRequest request, long limit, Duration deadline) throws IOException {
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        ServletInputStream in = request.getInputStream();
        while (body.size() < limit) {
            int read = in.read(chunk, 0, (int) Math.min(chunk.length, limit - body.size()));
            if (read < 0) {
                break;
            }
            body.write(chunk, 0, read);
            if (System.nanoTime() > giveUpAt) {
                return null;
            }
        }
        return body.toByteArray();
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
