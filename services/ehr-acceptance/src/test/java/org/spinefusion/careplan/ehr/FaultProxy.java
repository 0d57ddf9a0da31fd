package org.spinefusion.careplan.ehr;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for an overloaded gateway in front of the EHR, only for the 429/503 storm: HAPI JPA never refuses for
 * load itself. While storming it answers a share of requests with 429 or 503 without passing them on (most with
 * Retry-After: 1, some 503 without it), and for a further share passes the request on and then loses the EHR's
 * answer (502), so the EHR has acted on an attempt whose outcome the service does not know. Everything else, and
 * every CapabilityStatement read, passes through unchanged.
 */
final class FaultProxy implements AutoCloseable {

    enum Fault {
        TOO_MANY_REQUESTS(429, "1", 0.15),
        UNAVAILABLE(503, "1", 0.08),
        UNAVAILABLE_WITHOUT_RETRY_AFTER(503, null, 0.03),
        ANSWER_LOST_AFTER_THE_EHR_ACTED(502, null, 0.04);

        final int status;
        final String retryAfter;
        final double share;

        Fault(int status, String retryAfter, double share) {
            this.status = status;
            this.retryAfter = retryAfter;
            this.share = share;
        }
    }

    /** Headers the JDK client sets itself, and hop-by-hop headers, which a proxy does not pass on. */
    private static final Set<String> NOT_PASSED = Set.of(
            "host", "connection", "content-length", "expect", "upgrade", "transfer-encoding", "keep-alive",
            "http2-settings", "te", "trailer", "proxy-connection");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
    private final String upstream;
    private final Random random = new Random(10);
    private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
    private final AtomicInteger passed = new AtomicInteger();
    private volatile boolean storming;

    FaultProxy(String upstream) throws IOException {
        this.upstream = upstream;
        for (Fault fault : Fault.values()) {
            injected.put(fault, new AtomicInteger());
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/fhir", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/fhir";
    }

    void storm(boolean on) {
        storming = on;
    }

    int injected(Fault fault) {
        return injected.get(fault).get();
    }

    int passed() {
        return passed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath().substring("/fhir".length());
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Fault fault = storming && !path.startsWith("/metadata") ? draw() : null;
            if (fault != null && fault != Fault.ANSWER_LOST_AFTER_THE_EHR_ACTED) {
                injected.get(fault).incrementAndGet();
                refuse(exchange, fault);
                return;
            }
            HttpResponse<byte[]> answer = forward(exchange, path, query, body);
            if (fault != null) {
                injected.get(fault).incrementAndGet();
                refuse(exchange, fault);
                return;
            }
            passed.incrementAndGet();
            answer.headers().map().forEach((header, values) -> {
                if (!NOT_PASSED.contains(header.toLowerCase()) && !header.startsWith(":")) {
                    exchange.getResponseHeaders().put(header, values);
                }
            });
            byte[] bytes = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, String path, String query, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(upstream + path + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((header, values) -> {
            if (!NOT_PASSED.contains(header.toLowerCase())) {
                values.forEach(value -> request.header(header, value));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void refuse(HttpExchange exchange, Fault fault) throws IOException {
        byte[] outcome = ("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                        + "\"code\":\"transient\",\"diagnostics\":\"injected: " + fault.name().toLowerCase() + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        if (fault.retryAfter != null) {
            exchange.getResponseHeaders().put("Retry-After", List.of(fault.retryAfter));
        }
        exchange.getResponseHeaders().put("Content-Type", List.of("application/fhir+json"));
        exchange.sendResponseHeaders(fault.status, outcome.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(outcome);
        }
    }

    private synchronized Fault draw() {
        double roll = random.nextDouble();
        for (Fault fault : Fault.values()) {
            if (roll < fault.share) {
                return fault;
            }
            roll -= fault.share;
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
