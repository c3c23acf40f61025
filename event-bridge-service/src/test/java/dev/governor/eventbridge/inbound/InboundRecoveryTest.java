package dev.governor.eventbridge.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.InjectPrivateStack;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStack;
import dev.governor.testsupport.PrivateStackResource;
import dev.governor.testsupport.SimulatorTokens;
import dev.governor.testsupport.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What a relay does when Salesforce misbehaves, on a stack of its own (its simulator's clock and faults
 * are this test's): a silently stalled stream is replaced by the watchdog without a second stream left
 * open; revoked sessions are renewed mid-stream without losing the position; a position that fell out of
 * the 72-hour retention while the bridge was down (the simulator's clock moved 73 hours, so the bridge's
 * session expired too) becomes a gap record and the EARLIEST policy, and the relay carries on with what
 * is retained — nothing silent.
 */
@NeedsStack
@QuarkusTest
@TestProfile(InboundRecoveryTest.Watchdog.class)
@WithTestResource(
        value = PrivateStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,simulator"))
class InboundRecoveryTest {

    static final String TOPIC = "governor.sf.events.recovery";
    static final ObjectMapper JSON = new ObjectMapper();

    /** One subscription, a 3-second watchdog. */
    public static class Watchdog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "governor.bridge.subscriptions.recovery.channel", "/event/Order_Event__e",
                    "governor.bridge.subscriptions.recovery.topic", TOPIC,
                    "governor.bridge.watchdog", "3S",
                    "quarkus.oidc-client.salesforce.client-enabled", "true");
        }
    }

    @InjectPrivateStack
    PrivateStack stack;

    @Inject
    InboundRelays relays;

    @Inject
    MeterRegistry metrics;

    @Inject
    SubscriptionStates states;

    @Test
    void aStalledStreamIsReplacedAndALostPositionIsAGapRecordNeverSilence() throws Exception {
        awaitSubscriptions(1);
        String token = token();
        publish(token, "before-stall");
        awaitOrders("before-stall");

        // a silent stall: the stream stays open, nothing comes, not even keepalives
        given().contentType(ContentType.JSON)
                .body("{\"stalledTopics\": [\"/event/Order_Event__e\"]}")
                .put(simulator("/simulator/pubsub/faults"))
                .then()
                .statusCode(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> metrics.find("governor.bridge.inbound.resubscriptions")
                                .tag("reason", "watchdog")
                                .counter()
                        != null);
        given().delete(simulator("/simulator/pubsub/faults")).then().statusCode(200);
        awaitSubscriptions(1); // the replaced stream was cancelled, not left open
        publish(token, "after-stall");
        awaitOrders("before-stall", "after-stall");

        // every session revoked mid-stream: the stream ends with an auth error; the relay renews its session
        // and subscribes again from its checkpoint
        given().post(simulator("/simulator/sessions/revoke")).then().statusCode(200);
        token = token();
        awaitSubscriptions(1);
        publish(token, "after-revoke");
        awaitOrders("before-stall", "after-stall", "after-revoke");

        // the bridge is down for 73 hours of Salesforce's clock: its checkpoint leaves the retention window
        relays.stopAll();
        awaitSubscriptions(0);
        given().contentType(ContentType.JSON)
                .body("{\"seconds\": " + 73 * 3600 + "}")
                .post(simulator("/simulator/clock/advance"))
                .then()
                .statusCode(200);
        String fresh = token();
        publish(fresh, "after-outage");
        relays.startAll();

        ConsumerRecord<String, String> gap = reader().find(
                        "governor.sf.gaps.v1", r -> "recovery".equals(r.key()), Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("no gap record"));
        JsonNode record = JSON.readTree(gap.value());
        assertThat(record.path("kind").asText()).isEqualTo("POSITION_LOST");
        assertThat(record.path("policy").asText()).isEqualTo("EARLIEST");
        assertThat(record.path("channel").asText()).isEqualTo("/event/Order_Event__e");
        assertThat(record.path("reason").asText()).contains("replayid.corrupted");
        assertThat(record.path("lostReplayId").asText()).isNotBlank();
        assertThat(record.path("from").asText()).isNotBlank();
        awaitOrders("before-stall", "after-stall", "after-revoke", "after-outage");
        assertThat(metrics.find("governor.bridge.inbound.gaps").counter().count())
                .isEqualTo(1.0);

        // what operators see of it (the admin API and the console): relayed, checkpointed, the gap named
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            SubscriptionView view = states.all().get(0);
            assertThat(view.name()).isEqualTo("recovery");
            assertThat(view.channel()).isEqualTo("/event/Order_Event__e");
            assertThat(view.topicEndOffset())
                    .as("four events and their transactions' markers")
                    .isGreaterThan(4);
            assertThat(view.replayId()).isNotBlank();
            assertThat(view.secondsBehind()).isBetween(0L, 30L);
            assertThat(view.here()).isEqualTo("RELAYING");
            assertThat(view.relayedBy()).isNotBlank();
            assertThat(view.gapCount()).isEqualTo(1);
            assertThat(view.gaps())
                    .singleElement()
                    .satisfies(g -> assertThat(g.path("kind").asText()).isEqualTo("POSITION_LOST"));
        });
    }

    private void awaitOrders(String... orderNumbers) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    List<String> relayed = reader().collect(TOPIC, r -> true).stream()
                            .map(r -> {
                                try {
                                    return JSON.readTree(r.value())
                                            .path("Order_Number__c")
                                            .asText();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            })
                            .toList();
                    assertThat(relayed).containsExactlyInAnyOrder(orderNumbers);
                });
    }

    private void awaitSubscriptions(int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(given().get(simulator("/simulator/pubsub"))
                                .then()
                                .extract()
                                .<List<Object>>path("subscriptions"))
                        .hasSize(count));
    }

    private TopicReader reader() {
        return new TopicReader("127.0.0.1:" + stack.port(Infrastructure.KAFKA));
    }

    private String simulator(String path) {
        return "http://127.0.0.1:" + stack.port(Infrastructure.SIMULATOR) + path;
    }

    private void publish(String token, String orderNumber) {
        given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body("{\"Order_Number__c\": \"" + orderNumber + "\"}")
                .post(simulator("/services/data/v63.0/sobjects/Order_Event__e/"))
                .then()
                .statusCode(201);
    }

    private String token() {
        return SimulatorTokens.clientCredentials(simulator(""));
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
