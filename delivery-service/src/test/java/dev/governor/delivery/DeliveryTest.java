package dev.governor.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.governor.common.topic.Topics;
import dev.governor.testsupport.CloudEventRecords;
import dev.governor.testsupport.InjectPrivateStack;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.PrivateStack;
import dev.governor.testsupport.PrivateStackResource;
import dev.governor.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Records on the real broker end in the simulated org through sObject Collections, each with an outcome;
 * permanent failures are dead-lettered with their reason, transient ones retried until written.
 */
@QuarkusTest
@WithTestResource(value = PrivateStackResource.class, initArgs = @ResourceArg(name = "components", value = "kafka,redis,simulator"))
class DeliveryTest {

    @InjectPrivateStack
    PrivateStack stack;

    private String simulator(String path) {
        return "http://127.0.0.1:" + stack.port(Infrastructure.SIMULATOR) + path;
    }

    private TopicReader topics() {
        return new TopicReader("127.0.0.1:" + stack.port(Infrastructure.KAFKA));
    }

    /** Puts record writes on the records topic as the ingress does; returns their tracking ids. */
    private List<String> produce(List<String[]> accounts) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + stack.port(Infrastructure.KAFKA));
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        List<String> trackingIds = new java.util.ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            for (String[] account : accounts) {
                String trackingId = UUID.randomUUID().toString();
                String name = account[1] == null ? "" : ",\"Name\":\"" + account[1] + "\"";
                String value = "{\"sobject\":\"Account\",\"externalIdField\":\"External_Id__c\",\"externalId\":\"" + account[0]
                        + "\",\"fields\":{\"Industry\":\"Energy\"" + name + "}}";
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.RECORDS, "Account:" + account[0], value);
                Map.of("ce_specversion", "1.0", "ce_id", trackingId, "ce_type", "dev.governor.record.upsert.v1",
                        "ce_source", "/test", "ce_time", "2026-11-27T10:00:00Z", "content-type", "application/json")
                        .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(record).get();
                trackingIds.add(trackingId);
            }
        }
        return trackingIds;
    }

    private List<ConsumerRecord<String, String>> outcomesOf(List<String> trackingIds) {
        return topics().collect(Topics.OUTCOMES, r -> trackingIds.stream().anyMatch(id -> r.value().contains(id)));
    }

    @Test
    void writesBatchesInFewCallsAndSettlesEveryRecord() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String[]> accounts = new java.util.ArrayList<>();
        for (int i = 0; i < 240; i++) {
            accounts.add(new String[] {"D-" + run + "-" + i, "Account " + i});
        }
        accounts.add(new String[] {"D-" + run + "-invalid", null});
        accounts.add(new String[] {"D-" + run + "-7", "Account 7, second version"});
        int callsBefore = given().get(simulator("/simulator/stats")).path("apiCalls");

        List<String> trackingIds = produce(accounts);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> outcomesOf(trackingIds).size() == trackingIds.size());
        List<ConsumerRecord<String, String>> outcomes = outcomesOf(trackingIds);
        assertThat(outcomes).filteredOn(r -> r.value().contains("DEAD_LETTERED")).hasSize(1)
                .allSatisfy(r -> assertThat(r.value()).contains("REQUIRED_FIELD_MISSING"));
        assertThat(outcomes).filteredOn(r -> r.value().contains("\"CREATED\"") || r.value().contains("\"UPDATED\"")).hasSize(241);
        assertThat(CloudEventRecords.headers(outcomes.get(0))).containsEntry("ce_type", "dev.governor.record.outcome.v1");

        given().get(simulator("/simulator/records/Account/External_Id__c/D-" + run + "-7")).then().statusCode(200)
                .body("fields.Name", org.hamcrest.Matchers.equalTo("Account 7, second version"));
        List<ConsumerRecord<String, String>> dead = topics().collect(Topics.RECORDS_DEAD_LETTER, r -> r.key().endsWith(run + "-invalid"));
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(CloudEventRecords.headers(r)).containsEntry("governor-error-code", "REQUIRED_FIELD_MISSING")
                    .containsEntry("governor-error-fields", "Name").containsKey("dead-letter-reason").containsKey("ce_id");
        });
        int calls = given().get(simulator("/simulator/stats")).<Integer>path("apiCalls") - callsBefore;
        assertThat(calls).as("API calls for %d records", trackingIds.size()).isLessThanOrEqualTo(6);
    }

    @Test
    void transientLockErrorsAreRetriedUntilWritten() throws Exception {
        given().contentType("application/json").body("{\"lockRowRate\": 1.0}").put(simulator("/simulator/faults")).then().statusCode(200);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String[]> single = new java.util.ArrayList<>();
        single.add(new String[] {"L-" + run, "Locked at first"});
        List<String> trackingIds = produce(single);

        await().atMost(Duration.ofSeconds(20)).until(() -> given().get(simulator("/simulator/stats"))
                .<Integer>path("injected.unableToLockRow") >= 1);
        given().delete(simulator("/simulator/faults")).then().statusCode(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> outcomesOf(trackingIds).size() == 1);
        assertThat(outcomesOf(trackingIds).get(0).value()).contains("\"CREATED\"").doesNotContain("\"attempts\":1,");
        given().get(simulator("/simulator/records/Account/External_Id__c/L-" + run)).then().statusCode(200)
                .body("creates", org.hamcrest.Matchers.equalTo(1));
    }
}
