package dev.governor.eventbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka → Salesforce through the event bridge, measured from outside: order events written to the demo
 * route's topic at an offered rate, each carrying its send time, and found in the simulator's Platform
 * Events, so the latency is sent to Kafka → accepted by Salesforce (the simulator's publish time). Also
 * prints the daily API calls the events cost (the aim: none). {@code deploy/local/bench/bridge} runs it
 * on a private stack.
 *
 * <p>Arguments: simulator REST base, Kafka bootstrap, source topic, seconds, events/s offered.
 */
public final class OutboundBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String bootstrap = args[1];
        String topic = args[2];
        int seconds = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        String run = "b" + Long.toString(System.currentTimeMillis(), 36) + "-";
        long callsBefore = dailyCalls(base);
        long after = latestReplayId(base);

        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        long sent = 0;
        List<Long> latencies = new ArrayList<>();
        long found = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = start;
            long nextPoll = start;
            while (System.nanoTime() < end) {
                long now = System.nanoTime();
                while (now >= next) {
                    String id = run + sent;
                    String body = "{\"orderNumber\": \"" + id + "@" + System.currentTimeMillis()
                            + "\", \"status\": \"Open\", \"amount\": " + (sent % 1000) + "}";
                    ProducerRecord<String, byte[]> record =
                            new ProducerRecord<>(topic, "order-" + (sent % 64), body.getBytes(StandardCharsets.UTF_8));
                    record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
                    producer.send(record);
                    sent++;
                    next += interval;
                }
                if (now >= nextPoll) {
                    long[] polled = poll(base, run, after, latencies);
                    found += polled[0];
                    after = polled[1];
                    nextPoll = now + TimeUnit.MILLISECONDS.toNanos(250);
                }
                Thread.sleep(1);
            }
            producer.flush();
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (found < sent && System.nanoTime() < deadline) {
            long[] polled = poll(base, run, after, latencies);
            found += polled[0];
            after = polled[1];
            Thread.sleep(200);
        }
        double allSeconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        System.out.printf(
                "  offered %,d events/s for %d s: sent %,d (%,.0f/s), in Salesforce %,d (%,.0f/s over %.1f s)%n",
                rate, seconds, sent, sent / sendSeconds, found, found / allSeconds, allSeconds);
        System.out.printf(
                "  sent to Kafka -> published in Salesforce  p50 %d ms, p90 %d ms, p99 %d ms, max %d ms;"
                        + " daily API calls spent %d%n",
                percentile(sorted, 50),
                percentile(sorted, 90),
                percentile(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                dailyCalls(base) - callsBefore);
        System.exit(found == sent ? 0 : 1);
    }

    /** The run's events published after the replay id; answers {found, the last replay id read}. */
    private static long[] poll(String base, String run, long after, List<Long> latencies) throws Exception {
        long found = 0;
        JsonNode page = get(base + "/simulator/events/Order_Event__e?limit=20000&afterReplayId=" + after);
        for (JsonNode event : page.path("events")) {
            after = event.path("replayId").asLong();
            String number = event.path("payload").path("Order_Number__c").asText("");
            if (number.startsWith(run)) {
                long sentAt = Long.parseLong(number.substring(number.indexOf('@') + 1));
                latencies.add(Instant.parse(event.path("publishedAt").asText()).toEpochMilli() - sentAt);
                found++;
            }
        }
        return new long[] {found, after};
    }

    private static long latestReplayId(String base) throws Exception {
        return get(base + "/simulator/events").path("latestReplayId").asLong();
    }

    private static long dailyCalls(String base) throws Exception {
        return get(base + "/simulator/limits")
                .path("dailyApiRequests")
                .path("used")
                .asLong();
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
