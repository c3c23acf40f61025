package dev.governor.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A steady stream of Account writes to the ingress, as a careful caller sends them: each record gets new
 * versions one after another ({@code Name = <prefix>-v<n>}), and a write that is not answered 202 is sent
 * again with the same Idempotency-Key until it is. So every version a caller meant to write is accepted
 * in order, and the record's latest accepted version is what Salesforce must end with. Every answer is
 * recorded; one that is neither 202 nor a clear, retryable refusal is a violation.
 */
final class WriteLoad implements AutoCloseable {

    private static final Pattern TRACKING_ID = Pattern.compile("\"trackingId\"\\s*:\\s*\"([^\"]+)\"");
    /** Answers a caller can act on by trying again later. */
    private static final List<Integer> RETRYABLE = List.of(409, 429, 503);

    private final String ingress;
    private final Supplier<String> token;
    private final String prefix;
    private final int records;
    private final int workers;
    private final long pauseMillis;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService pool;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Map<String, Integer> lastAccepted = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final LongAdder accepted = new LongAdder();

    /**
     * @param writesPerSecond the whole load's pace, spread over the workers
     */
    WriteLoad(String ingress, Supplier<String> token, String prefix, int records, int workers, double writesPerSecond) {
        this.ingress = ingress;
        this.token = token;
        this.prefix = prefix;
        this.records = records;
        this.workers = workers;
        this.pauseMillis = (long) (1000 * workers / writesPerSecond);
        this.pool = Executors.newFixedThreadPool(workers);
    }

    WriteLoad start() {
        for (int worker = 0; worker < workers; worker++) {
            int first = worker;
            pool.submit(() -> run(first));
        }
        return this;
    }

    private void run(int first) {
        List<String> owned = new ArrayList<>();
        for (int i = first; i < records; i += workers) {
            owned.add(prefix + "-" + i);
        }
        int version = 0;
        while (!stopping.get()) {
            version++;
            for (String externalId : owned) {
                if (stopping.get()) {
                    return;
                }
                if (writeUntilAccepted(externalId, version)) {
                    lastAccepted.put(externalId, version);
                }
                sleep(pauseMillis);
            }
        }
    }

    /** Sends one version until the ingress accepts it (same key every time); false if the load ends first. */
    private boolean writeUntilAccepted(String externalId, int version) {
        String key = UUID.randomUUID().toString();
        String body = "{\"externalIdField\":\"External_Id__c\",\"externalId\":\"" + externalId + "\",\"fields\":{\"Name\":\""
                + prefix + "-v" + version + "\",\"Industry\":\"Energy\"}}";
        long giveUpAt = Long.MAX_VALUE;
        while (true) {
            String answer = send(key, body);
            answers.computeIfAbsent(answer, k -> new LongAdder()).increment();
            if (answer.equals("202")) {
                accepted.increment();
                return true;
            }
            if (stopping.get() && giveUpAt == Long.MAX_VALUE) {
                giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            }
            if (System.nanoTime() > giveUpAt) {
                violations.add(externalId + " v" + version + " still not accepted 60 s after the load stopped (last: " + answer + ")");
                return false;
            }
            sleep(250);
        }
    }

    /** One attempt: "202", a retryable status, "unreachable", or a violation recorded with its answer. */
    private String send(String key, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingress + "/v1/records/Account"))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token.get())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 202) {
                Matcher id = TRACKING_ID.matcher(response.body());
                if (!id.find()) {
                    violations.add("202 without a tracking id: " + response.body());
                }
                return "202";
            }
            boolean problem = response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
            if (!RETRYABLE.contains(status) || !problem) {
                violations.add("HTTP " + status + " (" + response.headers().firstValue("Content-Type").orElse("no type") + "): " + response.body());
            }
            return Integer.toString(status);
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Stops sending new versions and waits until the writes under way are accepted. */
    @Override
    public void close() {
        stopping.set(true);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(90, TimeUnit.SECONDS)) {
                violations.add("writes still unanswered 90 s after the load stopped");
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Per external id, the latest version the ingress accepted. */
    Map<String, Integer> lastAccepted() {
        return Map.copyOf(lastAccepted);
    }

    long accepted() {
        return accepted.sum();
    }

    /** How often each answer came: "202", "503", "unreachable", … */
    Map<String, Long> answers() {
        Map<String, Long> copy = new TreeMap<>();
        answers.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    String prefix() {
        return prefix;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
