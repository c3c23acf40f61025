package dev.governor.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mixed traffic to the ingress, as real callers send it: two callers write the same Account records in
 * turn, each version naming a different set of fields, with the object, the External ID field, the id and
 * the field names spelled in varying letter case; now and then a write the org would refuse (a field it
 * lacks, a value of the wrong type, text over its length), which the ingress must refuse at the door
 * naming that field; and a few new records without the Name Salesforce requires, which only the org can
 * refuse (they must end on the dead-letter topic with that reason). A write that is not answered 202 (or
 * refused at the door) is sent again with the same Idempotency-Key until it is, so every version a caller
 * meant is accepted in order, and the org must end as the fold of each record's accepted writes. Every
 * answer is recorded; one that is neither expected nor a clear, retryable refusal is a violation.
 */
final class WriteLoad implements AutoCloseable {

    private static final Pattern TRACKING_ID = Pattern.compile("\"trackingId\"\\s*:\\s*\"([^\"]+)\"");
    /** Answers a caller can act on by trying again later. */
    private static final List<Integer> RETRYABLE = List.of(409, 429, 503);

    private static final List<String> INDUSTRIES =
            List.of("Agriculture", "Banking", "Energy", "Manufacturing", "Retail", "Technology");
    private static final List<String> CALLERS = List.of("crm-sync", "erp-feed");
    /** Records per run that Salesforce refuses (created without Name). */
    static final int REFUSED_RECORDS = 4;

    /** What one record must be in the org: the fold of its accepted writes, by the org's field names. */
    static final class Expected {
        final Map<String, Object> fold = new LinkedHashMap<>();
        final List<String> trackingIds = new CopyOnWriteArrayList<>();
    }

    private final String ingress;
    private final Function<String, String> tokens;
    private final String prefix;
    private final int records;
    private final int workers;
    private final long pauseMillis;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService pool;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final List<String> refusedBySalesforce = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refusedAtTheDoor = new LongAdder();

    /**
     * @param tokens          a bearer token for a caller's client id
     * @param writesPerSecond the whole load's pace, spread over the workers
     */
    WriteLoad(
            String ingress,
            Function<String, String> tokens,
            String prefix,
            int records,
            int workers,
            double writesPerSecond) {
        this.ingress = ingress;
        this.tokens = tokens;
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
        Random random = new Random(prefix.hashCode() * 31L + first);
        List<Integer> owned = new ArrayList<>();
        for (int i = first; i < records; i += workers) {
            owned.add(i);
        }
        if (first < REFUSED_RECORDS) {
            refusedBySalesforce(random, first);
        }
        int version = 0;
        while (!stopping.get()) {
            version++;
            for (int record : owned) {
                if (stopping.get()) {
                    return;
                }
                // Some records' second version, and about one in nine later ones, is a write the org would refuse.
                if ((version == 2 && record % 10 == 0) || (version > 2 && random.nextInt(9) == 0)) {
                    refusedAtTheDoor(random, record, version);
                } else {
                    write(random, record, version);
                }
                sleep(pauseMillis);
            }
        }
    }

    /** The record's canonical external id. */
    String externalId(int record) {
        return prefix + "-" + record;
    }

    /** One valid partial write, in some spelling; on 202 it joins the record's fold. */
    private void write(Random random, int record, int version) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (version == 1 || random.nextBoolean()) {
            fields.put("Name", externalId(record) + " v" + version);
        }
        if (version == 1 || random.nextInt(3) == 0) {
            fields.put("Phone", "555-" + version);
        }
        if (random.nextBoolean()) {
            fields.put("Industry", INDUSTRIES.get((record + version) % INDUSTRIES.size()));
        }
        if (random.nextInt(3) == 0) {
            fields.put("NumberOfEmployees", version * 10 + record);
        }
        if (random.nextInt(3) == 0) {
            fields.put("AnnualRevenue", version * 1000L + record);
        }
        if (fields.isEmpty() || random.nextInt(4) == 0) {
            fields.put("Description", "written by version " + version);
        }
        String caller = CALLERS.get(version % 2);
        Sent sent = sendUntilAnswered(
                caller, externalId(record), spelled(random, externalId(record)), fields, random, Set.of(202));
        if (sent != null) {
            Expected state = expected.computeIfAbsent(externalId(record), k -> new Expected());
            state.fold.putAll(fields);
            state.trackingIds.add(sent.trackingId());
        }
    }

    /** A write the org would refuse; the ingress must answer 400 naming the field, and nothing is accepted. */
    private void refusedAtTheDoor(Random random, int record, int version) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Description", "never written, version " + version);
        String bad;
        switch (random.nextInt(3)) {
            case 0 -> {
                bad = "Colour__c";
                fields.put(bad, "red");
            }
            case 1 -> {
                bad = "AnnualRevenue";
                fields.put(bad, "not a number");
            }
            default -> {
                bad = "Phone";
                fields.put(bad, "5".repeat(41));
            }
        }
        Sent sent = sendUntilAnswered(
                CALLERS.get(version % 2), externalId(record), externalId(record), fields, random, Set.of(202, 400));
        if (sent == null) {
            return;
        }
        if (sent.status() == 202) {
            violations.add("a write with a bad " + bad + " was accepted: " + sent.body());
        } else if (!sent.body().toLowerCase(Locale.ROOT).contains("\"/fields/" + bad.toLowerCase(Locale.ROOT) + "\"")) {
            violations.add("a write with a bad " + bad + " was refused without naming it: " + sent.body());
        } else {
            refusedAtTheDoor.increment();
        }
    }

    /** A new record without Name: the ingress cannot know it is new, Salesforce refuses it. */
    private void refusedBySalesforce(Random random, int n) {
        String id = prefix + "-refused-" + n;
        Sent sent = sendUntilAnswered(CALLERS.get(n % 2), id, id, Map.of("Phone", "555-0000"), random, Set.of(202));
        if (sent != null) {
            refusedBySalesforce.add(sent.trackingId());
        }
    }

    private record Sent(int status, String body, String trackingId) {}

    /**
     * Sends one write until it is answered with one of {@code final} statuses (same key every time); null if the load
     * ends first.
     */
    private Sent sendUntilAnswered(
            String caller,
            String canonicalId,
            String spelledId,
            Map<String, Object> fields,
            Random random,
            Set<Integer> finalStatuses) {
        String key = UUID.randomUUID().toString();
        String body = body(random, spelledId, fields);
        String path = "/v1/records/" + spelled(random, "Account");
        long giveUpAt = Long.MAX_VALUE;
        while (true) {
            Sent sent = send(caller, key, path, body);
            answers.computeIfAbsent(
                            sent == null ? "unreachable" : Integer.toString(sent.status()), k -> new LongAdder())
                    .increment();
            if (sent != null && finalStatuses.contains(sent.status())) {
                if (sent.status() == 202) {
                    accepted.increment();
                }
                return sent;
            }
            if (sent != null
                    && (!RETRYABLE.contains(sent.status()) || !sent.body().contains("\"type\""))) {
                violations.add(canonicalId + ": HTTP " + sent.status() + " " + sent.body());
                return null;
            }
            if (stopping.get() && giveUpAt == Long.MAX_VALUE) {
                giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            }
            if (System.nanoTime() > giveUpAt) {
                violations.add(canonicalId + " still not answered 60 s after the load stopped");
                return null;
            }
            sleep(250);
        }
    }

    /** The request body with the External ID field and the field names in some letter case. */
    private static String body(Random random, String externalId, Map<String, Object> fields) {
        StringBuilder json = new StringBuilder("{\"externalIdField\":\"")
                .append(spelled(random, "External_Id__c"))
                .append("\",\"externalId\":\"")
                .append(externalId)
                .append("\",\"fields\":{");
        boolean first = true;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            json.append(first ? "" : ",")
                    .append('"')
                    .append(spelled(random, field.getKey()))
                    .append("\":");
            Object value = field.getValue();
            json.append(value instanceof String s ? "\"" + s + "\"" : String.valueOf(value));
            first = false;
        }
        return json.append("}}").toString();
    }

    /** The name as written, in upper case, or in lower case. */
    private static String spelled(Random random, String name) {
        return switch (random.nextInt(3)) {
            case 0 -> name.toUpperCase(Locale.ROOT);
            case 1 -> name.toLowerCase(Locale.ROOT);
            default -> name;
        };
    }

    /** One attempt: the answer, or null when the ingress cannot be reached. */
    private Sent send(String caller, String key, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingress + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + tokens.apply(caller))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String trackingId = null;
            if (response.statusCode() == 202) {
                Matcher id = TRACKING_ID.matcher(response.body());
                if (id.find()) {
                    trackingId = id.group(1);
                } else {
                    violations.add("202 without a tracking id: " + response.body());
                }
            } else if (!response.headers()
                    .firstValue("Content-Type")
                    .orElse("")
                    .startsWith("application/problem+json")) {
                violations.add("HTTP " + response.statusCode() + " without problem details: " + response.body());
            }
            return new Sent(response.statusCode(), response.body(), trackingId);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Stops sending new versions and waits until the writes under way are answered. */
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

    /** Per canonical external id, what the org must hold. */
    Map<String, Expected> expected() {
        return Map.copyOf(expected);
    }

    /** Tracking ids of the accepted writes Salesforce must refuse. */
    List<String> refusedBySalesforce() {
        return List.copyOf(refusedBySalesforce);
    }

    long accepted() {
        return accepted.sum();
    }

    long refusedAtTheDoor() {
        return refusedAtTheDoor.sum();
    }

    /** How often each answer came: "202", "400", "503", "unreachable", … */
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
