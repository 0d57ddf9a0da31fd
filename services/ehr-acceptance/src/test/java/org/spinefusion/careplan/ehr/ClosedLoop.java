package org.spinefusion.careplan.ehr;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop load: {@code clients} threads, each sending its next request as soon as the previous answer has been
 * read in full, for a fixed time. Request {@code n} (counted across all clients) is made by the caller before its
 * clock starts, so building the body is not timed. Latencies of successful calls go to an HdrHistogram (microseconds,
 * three significant digits); a call answered with a status of 300 or more, or not answered, is counted as an error and not timed.
 */
final class ClosedLoop {

    private static final long MAX_MICROS = Duration.ofMinutes(10).toNanos() / 1000;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final AtomicLong sequence = new AtomicLong();

    record Result(long calls, long errors, double seconds, Histogram latencies, String firstError) {

        double perSecond() {
            return calls / seconds;
        }

        double millis(double percentile) {
            return calls == 0 ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    Result run(int clients, Duration length, LongFunction<HttpRequest> requests) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Histogram>> running = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                Histogram latencies = new Histogram(MAX_MICROS, 3);
                while (System.nanoTime() < end) {
                    HttpRequest request = requests.apply(sequence.incrementAndGet());
                    long sent = System.nanoTime();
                    HttpResponse<String> response;
                    try {
                        response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                        continue;
                    }
                    long micros = (System.nanoTime() - sent) / 1000;
                    if (response.statusCode() >= 300) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, response.statusCode() + " " + abbreviated(response.body()));
                    } else {
                        latencies.recordValue(Math.min(micros, MAX_MICROS));
                    }
                }
                return latencies;
            }));
        }
        Histogram all = new Histogram(MAX_MICROS, 3);
        try {
            for (Future<Histogram> client : running) {
                all.add(client.get());
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(all.getTotalCount(), errors.get(), seconds, all, firstError.get());
    }

    private static String abbreviated(String body) {
        return body.length() <= 500 ? body : body.substring(0, 500) + "...";
    }
}
