package dev.governor.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.governor.eventbridge.outbound.OutboundEvents;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStack;
import dev.governor.testsupport.TopicReader;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bridge process with the local profile's demo routes (orders from Kafka, devices over MQTT), killed
 * (SIGKILL) under a steady stream from both sources and started again: each source event ends in
 * Salesforce exactly once (counted by source id in the simulator) — including those whose publish was on
 * the wire when the process died — and the refused ones on the dead-letter topic once each, with no daily
 * API call spent.
 */
@NeedsStack
class OutboundKillIT {

    static final Map<String, String> SETTINGS = Map.of(
            "GOVERNOR_BRIDGE_OUTBOUND_CLAIM_TIMEOUT", "3S",
            "GOVERNOR_BRIDGE_LEASE", "4S",
            "SIMULATOR_PUBSUB_KEEPALIVE_INTERVAL", "2S",
            "GOVERNOR_SERVICE_HEAP", "192m");
    static final Vertx VERTX = Vertx.vertx();

    @RegisterExtension
    static final PrivateStack stack = new PrivateStack(
            EnumSet.of(
                    Infrastructure.KAFKA,
                    Infrastructure.REDIS,
                    Infrastructure.MQTT,
                    Infrastructure.SIMULATOR,
                    Infrastructure.EVENT_BRIDGE),
            SETTINGS);

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

    @Test
    void aKilledBridgePublishesEachSourceEventOnceAfterItsRestart() throws Exception {
        try (OutboundEvents events = new OutboundEvents(
                stack.port(Infrastructure.KAFKA),
                stack.port(Infrastructure.MQTT),
                stack.port(Infrastructure.SIMULATOR),
                VERTX)) {
            long callsBefore = events.dailyApiCallsUsed();
            AtomicBoolean sending = new AtomicBoolean(true);
            CompletableFuture<List<String>> fromKafka = CompletableFuture.supplyAsync(() -> steadily(sending, i -> {
                String id = "kafka-" + i;
                String amount = i % 40 == 0 ? "\"n/a\"" : Integer.toString(i % 500);
                String status = i % 3 == 0 ? "" : ", \"status\": \"Open\"";
                events.kafka(
                        "governor.demo.orders.v1",
                        "order-" + (i % 13),
                        "{\"orderNumber\": \"K-" + i + "\", \"amount\": " + amount + status + "}",
                        Map.of("ce_id", id));
                return id;
            }));
            CompletableFuture<List<String>> fromMqtt = CompletableFuture.supplyAsync(() -> steadily(sending, i -> {
                String id = "device-" + i;
                events.mqtt(
                        "governor/demo/orders/line-" + (i % 4), "{\"id\": \"" + id + "\", \"order\": \"M-" + i + "\"}");
                return id;
            }));
            Thread.sleep(4000);
            stack.kill(Infrastructure.EVENT_BRIDGE);
            Thread.sleep(1000);
            stack.up(Infrastructure.EVENT_BRIDGE);
            Thread.sleep(4000);
            sending.set(false);

            List<String> sent = new ArrayList<>(fromKafka.get());
            sent.addAll(fromMqtt.get());
            Set<String> refused = new TreeSet<>();
            for (String id : sent) {
                if (id.startsWith("kafka-") && Integer.parseInt(id.substring(6)) % 40 == 0) {
                    refused.add(id);
                }
            }
            Set<String> published = new TreeSet<>(sent);
            published.removeAll(refused);
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> events.publishedCounts("").keySet().containsAll(published));
            Thread.sleep(3000);
            Map<String, Integer> counts = events.publishedCounts("");
            System.out.printf(
                    "outbound kill: %d events sent (%d from Kafka, %d over MQTT), %d published, %d refused%n",
                    sent.size(), fromKafka.get().size(), fromMqtt.get().size(), counts.size(), refused.size());
            assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(published);
            assertThat(counts.values()).containsOnly(1);
            assertThat(events.dailyApiCallsUsed()).isEqualTo(callsBefore);

            TopicReader reader = new TopicReader("127.0.0.1:" + stack.port(Infrastructure.KAFKA));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<String> dead = new ArrayList<>();
                for (ConsumerRecord<String, String> record : reader.collect("governor.events.dlq.v1", r -> true)) {
                    dead.add(new String(
                            record.headers().lastHeader("governor-source-id").value(), StandardCharsets.UTF_8));
                }
                assertThat(dead).containsExactlyInAnyOrderElementsOf(refused);
            });
        }
    }

    /** Sends one event after another (about 150 a second) until told to stop; answers the ids sent. */
    private static List<String> steadily(AtomicBoolean sending, Sender sender) {
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; sending.get(); i++) {
                ids.add(sender.send(i));
                if (i % 15 == 14) {
                    Thread.sleep(100);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    @FunctionalInterface
    interface Sender {
        String send(int i) throws Exception;
    }
}
