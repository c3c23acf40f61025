package dev.governor.archive.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The archive benchmark's three steps, run by {@code deploy/local/bench/archive}:
 * {@code produce} a backlog of record writes (CloudEvents headers, a JSON value like the ingress's),
 * {@code archive}: wait for the archive's group to commit the whole backlog and print records/s and MB/s,
 * {@code restore}: restore the topic into another at the highest rate and print records/s.
 */
public final class ArchiveBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArchiveBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "produce" -> produce(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "archive" -> archive(args[1], args[2], args[3], Double.parseDouble(args[4]), args[5]);
            case "restore" -> restore(args[1], args[2], args[3], args[4]);
            case "snapshot" -> snapshot(args[1], args[2], args[3], Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("produce, archive or restore");
        }
    }

    private static void produce(String bootstrap, String topic, int partitions, int records) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(
                            new NewTopic(topic, partitions, (short) 1),
                            new NewTopic(topic + ".restored", partitions, (short) 1)))
                    .all()
                    .get();
        }
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrap);
        config.put("acks", "1");
        config.put("linger.ms", 20);
        config.put("batch.size", 262144);
        long bytes = 0;
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                byte[] key = utf8("account:external_id__c:bench-" + (i % 50_000));
                byte[] value = utf8("{\"sobject\":\"Account\",\"externalIdField\":\"External_Id__c\",\"externalId\":"
                        + "\"BENCH-" + (i % 50_000) + "\",\"fields\":{\"Name\":\"Bench account " + i
                        + "\",\"Industry\":\"Energy\",\"AnnualRevenue\":" + (i * 7 % 1_000_000)
                        + ",\"Phone\":\"+1 555 01" + (i % 100) + "\"}}");
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
                String id = UUID.randomUUID().toString();
                record.headers().add("ce_specversion", utf8("1.0"));
                record.headers().add("ce_id", utf8(id));
                record.headers().add("ce_type", utf8("dev.governor.record.upsert.v1"));
                record.headers().add("ce_source", utf8("/ingress/records"));
                record.headers().add("ce_time", utf8(Instant.now().toString()));
                record.headers().add("content-type", utf8("application/json"));
                record.headers().add("ce_caller", utf8("crm-sync"));
                bytes += key.length + value.length + 200;
                producer.send(record);
            }
        }
        System.out.printf(
                "  backlog          %,d record writes (%.0f MB with headers) in %s over %d partitions,"
                        + " produced in %.1f s%n",
                records, bytes / 1e6, topic, partitions, (System.nanoTime() - started) / 1e9);
        System.out.println("BYTES=" + bytes);
    }

    /** Waits until the group has committed every partition's end; timed from the archive's start (epoch s). */
    private static void archive(String bootstrap, String topic, String group, double startedAt, String metrics)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            long total = admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(o -> o.offset())
                    .sum();
            double assigned = 0;
            double firstCommit = 0;
            long committed = 0;
            while (committed < total) {
                Thread.sleep(100);
                if (assigned == 0
                        && admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
                                .anyMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                    assigned = System.currentTimeMillis() / 1000.0;
                }
                committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                                .filter(e -> e.getKey().topic().equals(topic))
                                .map(Map.Entry::getValue)
                                .mapToLong(OffsetAndMetadata::offset)
                                .sum();
                if (committed > 0 && firstCommit == 0) {
                    firstCommit = System.currentTimeMillis() / 1000.0;
                }
            }
            double end = System.currentTimeMillis() / 1000.0;
            double uploaded = metric(metrics, "governor_archive_uploaded_bytes_total", topic);
            long bytes = Long.parseLong(System.getenv().getOrDefault("BENCH_BYTES", "0"));
            System.out.printf(
                    "  archived         %,d records in %.1f s from the process start: %,.0f records/s, %.1f MB/s in,"
                            + " %.1f MB/s gzip out (%.1fx smaller)%n",
                    total,
                    end - startedAt,
                    total / (end - startedAt),
                    bytes / 1e6 / (end - startedAt),
                    uploaded / 1e6 / (end - startedAt),
                    bytes / Math.max(1, uploaded));
            System.out.printf(
                    "  from a backlog   %,.0f records/s, %.1f MB/s in, from the group's assignment to the last commit"
                            + " (%.1f s; the first commit came %.1f s after the assignment)%n",
                    total / (end - assigned), bytes / 1e6 / (end - assigned), end - assigned, firstCommit - assigned);
        }
    }

    private static void restore(String archive, String token, String topic, String target) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = JSON.writeValueAsString(Map.of("topic", topic, "target", target, "ratePerSecond", 50_000));
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(URI.create(archive + "/v1/admin/archive/restores"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("restore refused: " + started.body());
        }
        String id = JSON.readTree(started.body()).path("id").asText();
        JsonNode job;
        do {
            Thread.sleep(250);
            job = JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(archive + "/v1/admin/archive/restores/" + id))
                                    .header("Authorization", "Bearer " + token)
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
        } while (job.path("state").asText().equals("RUNNING"));
        double seconds = Duration.between(
                                Instant.parse(job.path("createdAt").asText()),
                                Instant.parse(job.path("finishedAt").asText()))
                        .toMillis()
                / 1000.0;
        System.out.printf(
                "  restored         %,d records (%s) from %d objects in %.1f s: %,.0f records/s"
                        + " (asked: up to 50,000/s)%n",
                job.path("recordsRestored").asLong(),
                job.path("state").asText(),
                job.path("objects").size(),
                seconds,
                job.path("recordsRestored").asLong() / seconds);
    }

    /** Seeds the org with {@code records} accounts (collections of 200), then times a full snapshot of them. */
    private static void snapshot(String simulator, String archive, String token, int records) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String session = dev.governor.testsupport.SimulatorTokens.clientCredentials(simulator);
        long seeding = System.nanoTime();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Integer>> calls = new java.util.ArrayList<>();
        for (int from = 0; from < records; from += 200) {
            int start = from;
            calls.add(pool.submit(() -> {
                StringBuilder body = new StringBuilder("{\"allOrNone\":false,\"records\":[");
                for (int i = start; i < Math.min(records, start + 200); i++) {
                    body.append(i == start ? "" : ",")
                            .append("{\"attributes\":{\"type\":\"Account\"},\"External_Id__c\":\"SNAP-")
                            .append(i)
                            .append("\",\"Name\":\"Snapshot bench ")
                            .append(i)
                            .append("\",\"Industry\":\"Energy\",\"AnnualRevenue\":")
                            .append(i * 13 % 1_000_000)
                            .append(",\"Phone\":\"+1 555 01")
                            .append(i % 100)
                            .append("\",\"Description\":\"An account the snapshot benchmark made, number ")
                            .append(i)
                            .append("\"}");
                }
                body.append("]}");
                return http.send(
                                HttpRequest.newBuilder(URI.create(simulator
                                                + "/services/data/v63.0/composite/sobjects/Account/External_Id__c"))
                                        .header("Authorization", "Bearer " + session)
                                        .header("Content-Type", "application/json")
                                        .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString()))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode();
            }));
        }
        for (java.util.concurrent.Future<Integer> call : calls) {
            if (call.get() != 200) {
                throw new IllegalStateException("seeding the org failed: HTTP " + call.get());
            }
        }
        pool.shutdown();
        System.out.printf(
                "  org              %,d accounts seeded in %.1f s%n", records, (System.nanoTime() - seeding) / 1e9);
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(URI.create(archive + "/v1/admin/archive/snapshots?kind=full"))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("snapshot refused: " + started.body());
        }
        String id = JSON.readTree(started.body()).path("id").asText();
        JsonNode manifest;
        do {
            Thread.sleep(250);
            manifest = JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(archive + "/v1/admin/archive/snapshots/" + id))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
        } while (manifest.path("state").asText().equals("RUNNING"));
        JsonNode account = manifest.path("objects").path("Account");
        long bytes = 0;
        for (JsonNode part : account.path("parts")) {
            bytes += part.path("bytes").asLong();
        }
        double seconds = Duration.between(
                                Instant.parse(manifest.path("startedAt").asText()),
                                Instant.parse(manifest.path("finishedAt").asText()))
                        .toMillis()
                / 1000.0;
        System.out.printf(
                "  snapshot         %s %s: %,d Account records in %d parts (%.1f MB gzip CSV) in %.1f s,"
                        + " %d API calls: %,.0f records per API call%n",
                id,
                manifest.path("state").asText(),
                account.path("records").asLong(),
                account.path("parts").size(),
                bytes / 1e6,
                seconds,
                account.path("apiCalls").asLong(),
                account.path("records").asDouble()
                        / Math.max(1, account.path("apiCalls").asLong()));
    }

    private static double metric(String url, String name, String topic) throws Exception {
        String text = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*topic=\"" + Pattern.quote(topic) + "\"[^}]*} (\\S+)$")
                .matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
