package dev.governor.eventbridge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStack;
import dev.governor.testsupport.SimulatorTokens;
import dev.governor.testsupport.TopicReader;
import io.restassured.http.ContentType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two bridge processes relaying one org, as two replicas in a cluster would: only one subscribes to each
 * channel; under a steady stream of Platform Events and record writes the active one is killed (SIGKILL)
 * and the other takes the subscription over within the lease, from the committed checkpoint; Kafka (read
 * committed) ends with every event and every write's change event exactly once, each partition in replay
 * order; the killed one, restarted, stands by.
 */
@NeedsStack
class BridgeFailoverIT {

    static final Map<String, String> SETTINGS =
            Map.of("GOVERNOR_BRIDGE_LEASE", "4S", "GOVERNOR_BRIDGE_WATCHDOG", "30S", "GOVERNOR_SERVICE_HEAP", "192m");
    static final String EVENTS = "governor.sf.events.v1"; // the local profile's order-events subscription
    static final String CHANGES = "governor.sf.changes.v1"; // and its changes subscription
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PrivateStack stack = new PrivateStack(
            EnumSet.of(
                    Infrastructure.KAFKA, Infrastructure.REDIS, Infrastructure.SIMULATOR, Infrastructure.EVENT_BRIDGE),
            SETTINGS);

    @Test
    void oneReplicaRelaysAndTheOtherTakesOverWhenItIsKilledWithNothingLostOrDoubled() throws Exception {
        Map<String, String> env = new HashMap<>(SETTINGS);
        for (Infrastructure shared : List.of(Infrastructure.KAFKA, Infrastructure.REDIS, Infrastructure.SIMULATOR)) {
            env.put(shared.portVariable(), Integer.toString(stack.port(shared)));
        }
        env.put(Infrastructure.SIMULATOR.pubSubPortVariable(), Integer.toString(stack.pubSubPort()));
        env.put("GOVERNOR_CREDENTIALS_DIR", stack.credentialsDir().toString());
        try (PrivateStack replica = new PrivateStack(EnumSet.of(Infrastructure.EVENT_BRIDGE), env)) {
            replica.up();
            awaitOneSubscriptionPerChannel();

            AtomicBoolean publishing = new AtomicBoolean(true);
            CompletableFuture<List<String>> published =
                    CompletableFuture.supplyAsync(() -> publishSteadily(publishing));
            Thread.sleep(3000);
            PrivateStack active = leading(stack) ? stack : replica;
            PrivateStack standby = active == stack ? replica : stack;
            assertThat(leading(standby)).as("only one replica relays").isFalse();
            active.kill(Infrastructure.EVENT_BRIDGE);
            long killedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> leading(standby));
            System.out.printf(
                    "failover: the standby took the lead %d ms after the kill (lease 4 s)%n",
                    (System.nanoTime() - killedAt) / 1_000_000);
            Thread.sleep(3000);
            publishing.set(false);
            List<String> all = published.get();
            List<String> sent =
                    all.stream().filter(n -> !n.startsWith("account ")).toList();
            List<String> accounts = all.stream()
                    .filter(n -> n.startsWith("account "))
                    .map(n -> n.substring("account ".length()))
                    .toList();

            List<ConsumerRecord<String, String>> relayed = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        relayed.clear();
                        relayed.addAll(reader().collect(EVENTS, r -> true));
                        assertThat(relayed).hasSizeGreaterThanOrEqualTo(sent.size());
                    });
            Thread.sleep(2000); // a doubled event would arrive right behind
            relayed.clear();
            relayed.addAll(reader().collect(EVENTS, r -> true));
            assertThat(relayed.stream().map(BridgeFailoverIT::orderNumber).toList())
                    .as("every published event exactly once")
                    .containsExactlyInAnyOrderElementsOf(sent);
            Map<Integer, List<Long>> byPartition = new TreeMap<>();
            relayed.forEach(r -> byPartition
                    .computeIfAbsent(r.partition(), p -> new ArrayList<>())
                    .add(position(r)));
            byPartition.values().forEach(positions -> assertThat(positions).isSorted());

            List<String> created = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        created.clear();
                        reader().collect(CHANGES, r -> true).forEach(r -> created.add(accountName(r)));
                        assertThat(created).hasSizeGreaterThanOrEqualTo(accounts.size());
                    });
            assertThat(created)
                    .as("every record write's change event exactly once")
                    .containsExactlyInAnyOrderElementsOf(accounts);

            active.up(Infrastructure.EVENT_BRIDGE);
            await().atMost(Duration.ofSeconds(60)).until(() -> ready(active));
            Thread.sleep(5000);
            assertThat(leading(active)).as("the restarted replica stands by").isFalse();
            awaitOneSubscriptionPerChannel();
        }
    }

    /** Publishes Order_Event__e over REST, about 25 a second, until told to stop; answers their numbers. */
    private static List<String> publishSteadily(AtomicBoolean publishing) {
        String token = token();
        List<String> sent = new ArrayList<>();
        int i = 0;
        while (publishing.get()) {
            String number = "F-" + i++;
            given().header("Authorization", "Bearer " + token)
                    .contentType(ContentType.JSON)
                    .body("{\"Order_Number__c\": \"" + number + "\"}")
                    .post(simulator("/services/data/v63.0/sobjects/Order_Event__e/"))
                    .then()
                    .statusCode(201);
            sent.add(number);
            if (i % 5 == 0) { // and record writes, whose change events the changes subscription relays
                given().header("Authorization", "Bearer " + token)
                        .contentType(ContentType.JSON)
                        .body("{\"Name\": \"" + number + "\"}")
                        .post(simulator("/services/data/v63.0/sobjects/Account/"))
                        .then()
                        .statusCode(201);
                sent.add("account " + number);
            }
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return sent;
    }

    private static boolean leading(PrivateStack process) {
        try {
            String metrics = given().get(
                            "http://127.0.0.1:" + process.managementPort(Infrastructure.EVENT_BRIDGE) + "/q/metrics")
                    .asString();
            return metrics.contains("governor_bridge_inbound_leading{subscription=\"order-events\"} 1.0");
        } catch (RuntimeException down) {
            return false;
        }
    }

    private static boolean ready(PrivateStack process) {
        try {
            return given().get("http://127.0.0.1:" + process.managementPort(Infrastructure.EVENT_BRIDGE)
                                    + "/q/health/ready")
                            .statusCode()
                    == 200;
        } catch (RuntimeException down) {
            return false;
        }
    }

    private static void awaitOneSubscriptionPerChannel() {
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(given().get(simulator("/simulator/pubsub"))
                                .then()
                                .extract()
                                .<List<String>>path("subscriptions.topic"))
                        .containsExactlyInAnyOrder("/data/ChangeEvents", "/event/Order_Event__e"));
    }

    private static String orderNumber(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).path("Order_Number__c").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String accountName(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).path("Name").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long position(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("governor-sf-replay-id");
        return ByteBuffer.wrap(Base64.getDecoder().decode(new String(header.value(), StandardCharsets.UTF_8)))
                .getLong();
    }

    private static TopicReader reader() {
        return new TopicReader("127.0.0.1:" + stack.port(Infrastructure.KAFKA));
    }

    private static String simulator(String path) {
        return "http://127.0.0.1:" + stack.port(Infrastructure.SIMULATOR) + path;
    }

    private static String token() {
        return SimulatorTokens.clientCredentials(simulator(""));
    }
}
