package dev.governor.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An access token of the simulator's connected app (the client-credentials grant), for tests and benchmarks
 * that call the simulated org as another client would. Plain {@code java.net.http}: benchmarks run it
 * outside any test framework.
 */
public final class SimulatorTokens {

    public static final String CONSUMER_KEY = "governor-local-consumer-key";
    public static final String CONSUMER_SECRET = "governor-local-consumer-secret";

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private SimulatorTokens() {}

    /** A new session of the simulator at {@code base} (e.g. {@code http://127.0.0.1:8090}). */
    public static String clientCredentials(String base) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + CONSUMER_KEY
                        + "&client_secret=" + CONSUMER_SECRET))
                .build();
        try {
            String body = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher token = ACCESS_TOKEN.matcher(body);
            if (!token.find()) {
                throw new IllegalStateException("The simulator gave no token: " + body);
            }
            return token.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("The simulator's token endpoint cannot be reached at " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
