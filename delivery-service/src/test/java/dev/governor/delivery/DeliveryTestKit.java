package dev.governor.delivery;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.common.GovernorHeaders;
import dev.governor.common.record.RecordCloudEvents;
import dev.governor.common.record.RecordWrite;
import dev.governor.common.topic.Topics;
import dev.governor.testsupport.CloudEventRecords;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.PrivateStack;
import dev.governor.testsupport.TopicReader;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the delivery tests do to the stack: put writes on topics as the ingress does, read outcomes, ask the simulator.
 */
final class DeliveryTestKit {

    /** One Account write: its external id and Name (null for a write Salesforce refuses). */
    record Account(String externalId, String name) {}

    /** A write put on a topic: its tracking id and where it landed. */
    record Produced(String trackingId, long offset) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What delivery runs against as its own process: a broker, Redis, the simulator and the issuer. */
    static final Set<Infrastructure> DELIVERY_STACK = EnumSet.of(
            Infrastructure.KAFKA,
            Infrastructure.REDIS,
            Infrastructure.SIMULATOR,
            Infrastructure.OIDC,
            Infrastructure.DELIVERY);

    private final PrivateStack stack;

    DeliveryTestKit(PrivateStack stack) {
        this.stack = stack;
    }

    static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    String simulator(String path) {
        return "http://127.0.0.1:" + stack.port(Infrastructure.SIMULATOR) + path;
    }

    TopicReader topics() {
        return new TopicReader("127.0.0.1:" + stack.port(Infrastructure.KAFKA));
    }

    /** Puts Account writes on the records topic as the ingress does, in order; returns their tracking ids. */
    List<String> produceAll(List<Account> accounts) {
        List<String> trackingIds = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Account account : accounts) {
                String trackingId = UUID.randomUUID().toString();
                sent.add(producer.send(record(Topics.RECORDS, trackingId, account, Map.of())));
                trackingIds.add(trackingId);
            }
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not produce the records", e);
        }
        return trackingIds;
    }

    /** Puts one Account write on a topic, with extra headers (a retry's version and attempt, say). */
    Produced produce(String topic, Account account, Map<String, String> extraHeaders) {
        String trackingId = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = producer()) {
            RecordMetadata sent = producer.send(record(topic, trackingId, account, extraHeaders))
                    .get();
            return new Produced(trackingId, sent.offset());
        } catch (Exception e) {
            throw new IllegalStateException("Could not produce to " + topic, e);
        }
    }

    /** Puts a value on a topic exactly as given, with these headers: what a foreign or broken producer might send. */
    void produceRaw(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not produce to " + topic, e);
        }
    }

    private static ProducerRecord<String, String> record(
            String topic, String trackingId, Account account, Map<String, String> extraHeaders) {
        String name = account.name() == null ? "" : ",\"Name\":\"" + account.name() + "\"";
        String value = "{\"sobject\":\"Account\",\"externalIdField\":\"External_Id__c\",\"externalId\":\""
                + account.externalId() + "\",\"fields\":{\"Industry\":\"Energy\"" + name + "}}";
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key(account.externalId()), value);
        headers(trackingId, extraHeaders)
                .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** The headers of a write waiting in a retry topic for its second attempt, due now. */
    static Map<String, String> retryHeaders(String version) {
        return Map.of(
                GovernorHeaders.RECORD_VERSION,
                version,
                GovernorHeaders.ATTEMPT,
                "2",
                GovernorHeaders.RETRY_NOT_BEFORE,
                Long.toString(System.currentTimeMillis()));
    }

    /** The CloudEvent headers the ingress puts on a write, and any extra ones. */
    static Map<String, String> headers(String trackingId, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(Map.of(
                GovernorHeaders.CE_SPECVERSION,
                "1.0",
                GovernorHeaders.CE_ID,
                trackingId,
                GovernorHeaders.CE_TYPE,
                RecordCloudEvents.TYPE_RECORD_UPSERT,
                GovernorHeaders.CE_SOURCE,
                "/test",
                GovernorHeaders.CE_TIME,
                "2026-11-27T10:00:00Z",
                "content-type",
                "application/json"));
        headers.putAll(extraHeaders);
        return headers;
    }

    /** Puts Account writes with the given fields on the records topic, in order; returns their tracking ids. */
    List<String> produceWrites(List<Map.Entry<String, Map<String, Object>>> writes) {
        List<String> trackingIds = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Map.Entry<String, Map<String, Object>> write : writes) {
                String trackingId = UUID.randomUUID().toString();
                RecordWrite value = new RecordWrite("Account", "External_Id__c", write.getKey(), write.getValue());
                ProducerRecord<String, String> record =
                        new ProducerRecord<>(Topics.RECORDS, value.recordKey(), JSON.writeValueAsString(value));
                headers(trackingId, Map.of())
                        .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                sent.add(producer.send(record));
                trackingIds.add(trackingId);
            }
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not produce the writes", e);
        }
        return trackingIds;
    }

    /** Puts one Account write with the given fields on a topic, with extra headers. */
    Produced produceWriteTo(
            String topic, String externalId, Map<String, Object> fields, Map<String, String> extraHeaders) {
        String trackingId = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = producer()) {
            RecordWrite value = new RecordWrite("Account", "External_Id__c", externalId, fields);
            ProducerRecord<String, String> record =
                    new ProducerRecord<>(topic, value.recordKey(), JSON.writeValueAsString(value));
            headers(trackingId, extraHeaders)
                    .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            return new Produced(trackingId, producer.send(record).get().offset());
        } catch (Exception e) {
            throw new IllegalStateException("Could not produce to " + topic, e);
        }
    }

    /** The Kafka key the ingress gives an Account write by External_Id__c. */
    static String key(String externalId) {
        return new RecordWrite("Account", "External_Id__c", externalId, Map.of()).recordKey();
    }

    private KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + stack.port(Infrastructure.KAFKA));
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(properties);
    }

    /** Every outcome published for these tracking ids so far. */
    List<ConsumerRecord<String, String>> outcomesOf(List<String> trackingIds) {
        return topics().collect(
                        Topics.OUTCOMES,
                        r -> trackingIds.stream().anyMatch(id -> r.value().contains(id)));
    }

    /** The statuses published for one tracking id, in order. */
    List<String> statusesOf(String trackingId) {
        return outcomesOf(List.of(trackingId)).stream()
                .map(r -> JsonPath.from(r.value()).getString("status"))
                .toList();
    }

    /** The last status published for each tracking id that has one other than RETRYING. */
    Map<String, String> finalStatuses(List<String> trackingIds) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : outcomesOf(trackingIds)) {
            JsonPath outcome = JsonPath.from(record.value());
            if (!"RETRYING".equals(outcome.getString("status"))) {
                statuses.put(outcome.getString("trackingId"), outcome.getString("status"));
            }
        }
        return statuses;
    }

    Optional<ConsumerRecord<String, String>> deadLetter(String trackingId) {
        return topics()
                .collect(
                        Topics.RECORDS_DEAD_LETTER,
                        r -> trackingId.equals(CloudEventRecords.headers(r).get(GovernorHeaders.CE_ID)))
                .stream()
                .findFirst();
    }

    JsonPath account(String externalId) {
        return given().get(simulator("/simulator/records/Account/External_Id__c/" + externalId))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    JsonPath stats() {
        return given().get(simulator("/simulator/stats"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Calls the simulator refused for this reason so far. */
    int refused(String reason) {
        Integer refused = stats().get("refused." + reason);
        return refused == null ? 0 : refused;
    }

    void faults(String plan) {
        given().contentType("application/json")
                .body(plan)
                .put(simulator("/simulator/faults"))
                .then()
                .statusCode(200);
    }

    void clearFaults() {
        given().delete(simulator("/simulator/faults")).then().statusCode(200);
    }
}
