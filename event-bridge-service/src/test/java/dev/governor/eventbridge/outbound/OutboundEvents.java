package dev.governor.eventbridge.outbound;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.testsupport.Infrastructure;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What outbound tests need around the bridge: sources to send from (a Kafka producer, an MQTT client at
 * QoS 1) and the simulator's record of the Platform Events it received, counted by source id.
 */
public final class OutboundEvents implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String simulator;
    private final KafkaProducer<String, byte[]> producer;
    private final MqttClient mqtt;

    public OutboundEvents(int kafkaPort, int mqttPort, int simulatorPort, Vertx vertx) throws Exception {
        this(kafkaPort, mqttPort, simulatorPort, vertx, true);
    }

    /** @param withMqtt whether to connect an MQTT sender (tests without a broker leave it out) */
    public OutboundEvents(int kafkaPort, int mqttPort, int simulatorPort, Vertx vertx, boolean withMqtt)
            throws Exception {
        this.simulator = "http://127.0.0.1:" + simulatorPort;
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.mqtt = MqttClient.create(
                vertx,
                new MqttClientOptions()
                        .setClientId("governor-test-sender-" + UUID.randomUUID())
                        .setMaxInflightQueue(65535));
        if (withMqtt) {
            mqtt.connect(mqttPort, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        }
    }

    static OutboundEvents onSharedStack(Vertx vertx) throws Exception {
        return onSharedStack(vertx, true);
    }

    static OutboundEvents onSharedStack(Vertx vertx, boolean withMqtt) throws Exception {
        return new OutboundEvents(
                Infrastructure.KAFKA.sharedPort(),
                Infrastructure.MQTT.sharedPort(),
                Infrastructure.SIMULATOR.sharedPort(),
                vertx,
                withMqtt);
    }

    /** Sends a record to a Kafka topic, with headers (a {@code ce_id} for routes that take their id from it). */
    public void kafka(String topic, String key, String body, Map<String, String> headers) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, body.getBytes(StandardCharsets.UTF_8));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get(10, TimeUnit.SECONDS);
    }

    public void mqtt(String topic, String body) throws Exception {
        mqtt.publish(topic, Buffer.buffer(body), MqttQoS.AT_LEAST_ONCE, false, false)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** How many times each source id with this prefix is in the org's Order_Event__e events. */
    public Map<String, Integer> publishedCounts(String prefix) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode event : orderEvents()) {
            String id = event.path("payload").path("Source_Event_Id__c").asText(null);
            if (id != null && id.startsWith(prefix)) {
                counts.merge(id, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The payloads of the org's Order_Event__e events whose source id has this prefix, by source id. */
    public Map<String, JsonNode> published(String prefix) {
        Map<String, JsonNode> payloads = new HashMap<>();
        for (JsonNode event : orderEvents()) {
            String id = event.path("payload").path("Source_Event_Id__c").asText(null);
            if (id != null && id.startsWith(prefix)) {
                payloads.put(id, event.path("payload"));
            }
        }
        return payloads;
    }

    public List<JsonNode> orderEvents() {
        List<JsonNode> events = new ArrayList<>();
        long after = -1;
        while (true) {
            JsonNode page = read(given().queryParam("afterReplayId", after)
                    .queryParam("limit", 5000)
                    .get(simulator + "/simulator/events/Order_Event__e")
                    .asString());
            JsonNode list = page.path("events");
            if (list.isEmpty()) {
                return events;
            }
            list.forEach(events::add);
            after = list.get(list.size() - 1).path("replayId").asLong();
        }
    }

    public long dailyApiCallsUsed() {
        return read(given().get(simulator + "/simulator/limits").asString())
                .path("dailyApiRequests")
                .path("used")
                .asLong();
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("Not JSON: " + json, e);
        }
    }

    @Override
    public void close() {
        producer.close();
        if (mqtt.isConnected()) {
            mqtt.disconnect();
        }
    }
}
