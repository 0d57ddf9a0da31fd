package org.spinefusion.careplan.service.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A browser app's own origin, {@code http://127.0.0.1:<its own port>}: the pages of {@code src/test/resources/browser}
 * under {@code /app/} and the npm clients ({@link TestBrowser#modules()}) under {@code /modules/}, nothing else.
 * Started once per JVM.
 */
public final class AppSite {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "map", "application/json",
            "png", "image/png",
            "svg", "image/svg+xml");

    private AppSite() {}

    /** The site's origin, e.g. {@code http://127.0.0.1:41234}. */
    public static String origin() {
        return Holder.ORIGIN;
    }

    private static final class Holder {
        static final String ORIGIN = start(TestBrowser.modules());

        private static String start(Path modules) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/modules/", exchange -> {
                    Path file = modules.resolve(
                                    exchange.getRequestURI().getPath().substring("/modules/".length()))
                            .normalize();
                    if (!file.startsWith(modules) || !Files.isRegularFile(file)) {
                        send(exchange, 404, "text/plain", new byte[0]);
                    } else {
                        send(exchange, 200, type(file.toString()), Files.readAllBytes(file));
                    }
                });
                server.createContext("/app/", exchange -> {
                    String name = exchange.getRequestURI().getPath().substring("/app/".length());
                    try (InputStream page =
                            name.contains("..") ? null : AppSite.class.getResourceAsStream("/browser/" + name)) {
                        if (page == null) {
                            send(exchange, 404, "text/plain", new byte[0]);
                        } else {
                            send(exchange, 200, type(name), page.readAllBytes());
                        }
                    }
                });
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
                return "http://127.0.0.1:" + server.getAddress().getPort();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not serve the app site", e);
            }
        }

        private static String type(String name) {
            return TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        }

        private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
