package org.spinefusion.careplan.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.spinefusion.careplan.service.support.CarePlanIntegrationTest;
import org.spinefusion.careplan.service.support.TestHttp;
import org.spinefusion.careplan.service.support.TestTokens;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Slow clients do not starve ordinary ones: 200 connections each announce a 100 kB body and then send one byte every
 * second (most with a forged token, some with a valid one), while ordinary requests keep being answered promptly.
 * Without the limits, every worker thread sits reading those bodies and ordinary requests wait for tens of seconds.
 */
@CarePlanIntegrationTest
class SlowClientsIT {

    private static final int SLOW_CLIENTS = 200;
    private static final int VALID_TOKEN_CLIENTS = 20;

    @LocalServerPort
    int port;

    @Test
    void answersOrdinaryRequestsWhileTwoHundredClientsTrickleTheirBodies() throws Exception {
        List<Socket> slow = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                String token = i < VALID_TOKEN_CLIENTS ? TestTokens.system() : "forged." + i + ".token";
                slow.add(startSlowUpload(token));
            }
            trickle.scheduleAtFixedRate(() -> sendOneByteEach(slow), 1, 1, TimeUnit.SECONDS);
            Thread.sleep(2_000);

            List<Long> millis = new ArrayList<>();
            TestHttp http = new TestHttp(port);
            for (int i = 0; i < 50; i++) {
                long started = System.nanoTime();
                // A starved server fails the test here instead of hanging it.
                HttpResponse<String> response = http.send(http.fhir("CarePlan?_count=1")
                        .timeout(Duration.ofSeconds(10))
                        .GET());
                millis.add((System.nanoTime() - started) / 1_000_000);
                assertThat(response.statusCode()).isEqualTo(200);
            }
            Collections.sort(millis);
            long p99 = millis.get((int) Math.ceil(millis.size() * 0.99) - 1);
            assertThat(p99)
                    .as("p99 of ordinary requests in ms, all: %s", millis)
                    .isLessThan(1_000);
        } finally {
            trickle.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private Socket startSlowUpload(String token) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /fhir/QuestionnaireResponse HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/fhir+json\r\nContent-Length: 100000\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static void sendOneByteEach(List<Socket> sockets) {
        synchronized (sockets) {
            for (Socket socket : sockets) {
                try {
                    socket.getOutputStream().write(' ');
                    socket.getOutputStream().flush();
                } catch (IOException closedByTheServer) {
                    // The server gave up on this client, as it should.
                }
            }
        }
    }
}
