package org.spinefusion.careplan.service.delivery;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Faults of the test EHR, each with a probability per request (metadata and SMART discovery are spared): 500 before
 * acting, a stall past the client's timeout before acting, 429 with Retry-After, and the two ambiguous ones: acting
 * and then answering 500, or acting and then stalling past the timeout (as when the client dies after the EHR's 201).
 * A marker in the body can also make the EHR refuse the resource with 422 and an OperationOutcome.
 */
final class FaultFilter implements Filter {

    static final String OUTCOME_422 = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
            + "\"code\":\"business-rule\",\"diagnostics\":\"recipient must be a Practitioner\"}]}";

    volatile double error500;
    volatile double stallBefore;
    volatile double tooMany;
    volatile double actThenFail;
    volatile double actThenStall;
    volatile long stallMillis = 1500;
    volatile long latencyMillis;
    volatile String rejectMarker;
    final AtomicLong injected = new AtomicLong();

    void none() {
        error500 = 0;
        stallBefore = 0;
        tooMany = 0;
        actThenFail = 0;
        actThenStall = 0;
        latencyMillis = 0;
        rejectMarker = null;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = request.getRequestURI();
        if (path.endsWith("/metadata") || path.contains("/.well-known/")) {
            chain.doFilter(req, res);
            return;
        }
        sleep(latencyMillis);
        String marker = rejectMarker;
        if (marker != null && !request.getMethod().equals("GET")) {
            ContentCachingRequestWrapper cached = new ContentCachingRequestWrapper(request);
            String body = new String(cached.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (body.contains(marker)) {
                respond(response, 422, OUTCOME_422);
                return;
            }
            chain.doFilter(new ReplayedBody(request, body), res);
            return;
        }
        double roll = ThreadLocalRandom.current().nextDouble();
        if ((roll -= error500) < 0) {
            injected.incrementAndGet();
            respond(
                    response,
                    500,
                    "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                            + "\"code\":\"exception\"}]}");
            return;
        }
        if ((roll -= tooMany) < 0) {
            injected.incrementAndGet();
            response.setHeader("Retry-After", "1");
            respond(response, 429, "");
            return;
        }
        if ((roll -= stallBefore) < 0) {
            injected.incrementAndGet();
            sleep(stallMillis);
            respond(response, 503, "");
            return;
        }
        if ((roll -= actThenFail) < 0) {
            injected.incrementAndGet();
            ContentCachingResponseWrapper dropped = new ContentCachingResponseWrapper(response);
            chain.doFilter(req, dropped);
            response.reset();
            respond(response, 500, "");
            return;
        }
        if ((roll -= actThenStall) < 0) {
            injected.incrementAndGet();
            ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
            chain.doFilter(req, held);
            sleep(stallMillis);
            held.copyBodyToResponse();
            return;
        }
        chain.doFilter(req, res);
    }

    private static void respond(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/fhir+json");
        response.getWriter().write(body);
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The request with its body already read, for the server behind the filter. */
    private static final class ReplayedBody extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final byte[] body;

        ReplayedBody(HttpServletRequest request, String body) {
            super(request);
            this.body = body.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {}
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
