package dev.governor.ingress.console;

import dev.governor.common.problem.ProblemType;
import dev.governor.service.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Passes an operator's console request on to the admin API of the service it names, with the operator's own
 * token, so the service checks the same scope as it does for curl and audits the same operator. Only
 * {@code /v1/admin/…} paths of configured services go through, plain segments only (no dot segments, no
 * percent-encoding), so the console cannot be used to reach anything else those services serve.
 */
@ApplicationScoped
public class AdminApiForwarder {

    /** What a service answered, as passed back to the browser. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {}

    /** Plain segments under /v1/admin; none may start with a dot, so no "." or ".." segment gets through. */
    private static final Pattern ADMIN_PATH = Pattern.compile("/v1/admin(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+");

    private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9._~%&=+,:-]*");
    private static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type", "Accept");
    private static final List<String> ANSWER_HEADERS = List.of("Content-Type", "Location", "Retry-After");
    private static final int RETRY_AFTER_SECONDS = 5;

    private final Map<String, URI> services;
    private final long timeoutMillis;
    private final WebClient client;

    public AdminApiForwarder(ConsoleConfig config, Vertx vertx) {
        this.services = Map.copyOf(config.services());
        this.timeoutMillis = config.timeout().toMillis();
        this.client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setFollowRedirects(false)
                        .setConnectTimeout(5000)
                        .setMaxPoolSize(16)
                        .setUserAgent("governor-console"));
    }

    /**
     * @param path     the admin path after the service's name, as the browser sent it (not decoded)
     * @param query    the raw query string, or null
     * @param header   the browser's request header by name; the token, content type and accept are passed on
     */
    public Uni<Answer> forward(
            String service,
            HttpMethod method,
            String path,
            String query,
            Function<String, String> header,
            byte[] body) {
        URI base = services.get(service);
        if (base == null) {
            throw ProblemException.of(ProblemType.NOT_FOUND, "The console knows no service named " + service);
        }
        if (!ADMIN_PATH.matcher(path).matches()) {
            throw ProblemException.of(ProblemType.NOT_FOUND, "The console passes on only /v1/admin/… paths");
        }
        if (query != null && !QUERY.matcher(query).matches()) {
            throw ProblemException.of(ProblemType.INVALID_REQUEST, "The query string has characters it may not");
        }
        String target =
                base.toString().replaceAll("/+$", "") + path + (query == null || query.isEmpty() ? "" : "?" + query);
        HttpRequest<Buffer> request = client.requestAbs(method, target).timeout(timeoutMillis);
        REQUEST_HEADERS.forEach(name -> {
            String value = header.apply(name);
            if (value != null) {
                request.putHeader(name, value);
            }
        });
        Uni<io.vertx.mutiny.ext.web.client.HttpResponse<Buffer>> sent =
                body == null ? request.send() : request.sendBuffer(Buffer.buffer(body));
        return sent.map(response -> {
                    Map<String, String> passed = new LinkedHashMap<>();
                    ANSWER_HEADERS.forEach(name -> {
                        String value = response.getHeader(name);
                        if (value != null) {
                            passed.put(name, value);
                        }
                    });
                    Buffer answer = response.body();
                    return new Answer(response.statusCode(), passed, answer == null ? new byte[0] : answer.getBytes());
                })
                .onFailure()
                .transform(e -> ProblemException.unavailable(
                        "The " + service + " service did not answer; retry later", RETRY_AFTER_SECONDS));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
