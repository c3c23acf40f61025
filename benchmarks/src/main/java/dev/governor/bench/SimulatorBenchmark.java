package dev.governor.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the Salesforce simulator with sObject Collections upserts of a full 200-record batch from a
 * fixed number of concurrent callers for a fixed time, and prints API calls/s, records/s, latency
 * percentiles and the simulator's RSS. Each caller cycles through its own key space, half of each batch
 * overlapping the previous one: new records at first, then mostly updates, as a steady integration
 * does, with the org's record count bounded.
 *
 * <p>Arguments: {@code url=http://127.0.0.1:8090 seconds=20 callers=8 records=200 keys=5000 pid=<simulator pid>
 * client-id=… client-secret=…}. Only loopback URLs are accepted.
 */
public final class SimulatorBenchmark {

    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        URI base = Options.loopback(options.getOrDefault("url", "http://127.0.0.1:8090"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int callers = Integer.parseInt(options.getOrDefault("callers", "8"));
        int records = Integer.parseInt(options.getOrDefault("records", "200"));
        int keys = Integer.parseInt(options.getOrDefault("keys", "5000"));
        long pid = Long.parseLong(options.getOrDefault("pid", "-1"));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String token = token(http, base, options.getOrDefault("client-id", "governor-local-consumer-key"),
                options.getOrDefault("client-secret", "governor-local-consumer-secret"));
        URI upsert = base.resolve("/services/data/v63.0/composite/sobjects/Account/External_Id__c");

        warmUp(http, upsert, token, records, keys);
        LatencyRecorder latencies = new LatencyRecorder();
        AtomicLong calls = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong written = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int caller = c;
            Thread thread = new Thread(() -> {
                long batch = 0;
                while (System.nanoTime() < deadline) {
                    String body = batchBody(caller, batch++, records, keys);
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request(upsert, token, body), HttpResponse.BodyHandlers.ofString());
                        latencies.record(System.nanoTime() - t0);
                        calls.incrementAndGet();
                        if (response.statusCode() == 200) {
                            written.addAndGet(count(response.body(), "\"success\":true"));
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            }, "caller-" + c);
            thread.start();
            threads.add(thread);
        }
        double peakRss = 0;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                thread.join(250);
                peakRss = Math.max(peakRss, pid > 0 ? ProcessMemory.rssMiB(pid) : -1);
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;

        System.out.printf("simulator benchmark: %d callers, %d-record collection upserts over %,d keys each, %.1f s%n",
                callers, records, keys, elapsed);
        System.out.printf("  API calls/s      %,10.0f%n", calls.get() / elapsed);
        System.out.printf("  records/s        %,10.0f%n", written.get() / elapsed);
        System.out.printf("  latency ms       p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", latencies.percentileMillis(50),
                latencies.percentileMillis(95), latencies.percentileMillis(99), latencies.percentileMillis(100));
        System.out.printf("  calls            %,d (failed %,d)%n", calls.get(), failures.get());
        System.out.printf("  simulator RSS    %.0f MiB peak, %.0f MiB after%n", peakRss, pid > 0 ? ProcessMemory.rssMiB(pid) : -1.0);
        if (failures.get() > 0) {
            System.exit(1);
        }
    }

    private static void warmUp(HttpClient http, URI upsert, String token, int records, int keys) throws Exception {
        for (int i = 0; i < 300; i++) {
            http.send(request(upsert, token, batchBody(99, i, records, keys)), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A batch for one caller: half its keys were in the caller's previous batch; keys wrap at {@code keys}. */
    static String batchBody(int caller, long batch, int records, int keys) {
        StringBuilder body = new StringBuilder(records * 110).append("{\"allOrNone\":false,\"records\":[");
        long firstKey = batch * (records / 2);
        for (int i = 0; i < records; i++) {
            long key = (firstKey + i) % keys;
            body.append(i == 0 ? "" : ",")
                    .append("{\"attributes\":{\"type\":\"Account\"},\"External_Id__c\":\"B")
                    .append(caller).append('-').append(key)
                    .append("\",\"Name\":\"Account ").append(key).append(" v").append(batch)
                    .append("\",\"NumberOfEmployees\":").append(key % 5000).append('}');
        }
        return body.append("]}").toString();
    }

    private static HttpRequest request(URI uri, String token, String body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String token(HttpClient http, URI base, String clientId, String secret) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=" + secret)).build();
        String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = TOKEN.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("No session from the simulator: " + body);
        }
        return m.group(1);
    }

    private static long count(String text, String needle) {
        long n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
