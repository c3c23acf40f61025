package dev.governor.ingress.console;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A service's admin API as the console's forwarder meets it, over real HTTP on loopback: it answers 201
 * with a Location and remembers the last request it got (method, path, query, token, cookie, body), so a
 * test can see exactly what the ingress passed on. The console's "archive" is pointed at a closed port.
 */
public class AdminUpstream implements QuarkusTestResourceLifecycleManager {

    /** What the upstream last received. */
    public record Received(
            String method, String path, String query, String authorization, String cookie, String body) {}

    static final AtomicReference<Received> LAST = new AtomicReference<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            int closed;
            try (ServerSocket socket = new ServerSocket(0)) {
                closed = socket.getLocalPort();
            }
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                LAST.set(new Received(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Cookie"),
                        body));
                byte[] answer = "{\"echo\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("Location", "/v1/admin/things/42");
                exchange.getResponseHeaders().add("Set-Cookie", "upstream=1");
                exchange.sendResponseHeaders(201, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return Map.of(
                    "governor.console.services.delivery",
                            "http://127.0.0.1:" + server.getAddress().getPort(),
                    "governor.console.services.archive", "http://127.0.0.1:" + closed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
