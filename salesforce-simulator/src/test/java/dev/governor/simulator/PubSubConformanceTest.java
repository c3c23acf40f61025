package dev.governor.simulator;

import static dev.governor.simulator.Org.V;
import static dev.governor.simulator.PubSubTestClient.errorCode;
import static dev.governor.simulator.PubSubTestClient.fetch;
import static dev.governor.simulator.PubSubTestClient.fetchAfter;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ProducerEvent;
import com.salesforce.eventbus.protobuf.PublishRequest;
import com.salesforce.eventbus.protobuf.PublishResponse;
import com.salesforce.eventbus.protobuf.PublishResult;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import com.salesforce.eventbus.protobuf.TopicInfo;
import com.salesforce.eventbus.protobuf.TopicRequest;
import dev.governor.testsupport.NeedsStack;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Pub/Sub API, request by request, through grpc-java's generated client: authentication, topics and
 * schemas, each replay preset, flow control and its cap, keepalives, the idle close, replay-id errors,
 * the delivery allocation, publish results and limits, PublishStream, a schema change, and the stream
 * faults. Timers are short in the test profile (keepalive 2 s, idle close 3 s).
 */
@NeedsStack
@QuarkusTest
@WithTestResource(ConnectedAppKeys.class)
class PubSubConformanceTest extends OrgConformanceTest {

    static final String ORDERS = "/event/Order_Event__e";
    static final Duration WAIT = Duration.ofSeconds(5);

    PubSubTestClient client;

    @BeforeEach
    void connect() {
        client = new PubSubTestClient(token);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void everyCallNeedsALiveSessionOfThisOrg() {
        try (var anonymous = new PubSubTestClient(Map.of("tenantid", PubSubTestClient.ORG_ID))) {
            assertRefused(
                    () -> anonymous.schemaId(ORDERS), Status.Code.UNAUTHENTICATED, "service.auth.headers.invalid");
        }
        try (var stranger = new PubSubTestClient("00D5g000004SIMA!not-a-session")) {
            assertRefused(() -> stranger.schemaId(ORDERS), Status.Code.UNAUTHENTICATED, "service.auth.error");
        }
        try (var otherOrg = new PubSubTestClient(
                Map.of("accesstoken", token, "instanceurl", "http://127.0.0.1", "tenantid", "00D000000000001AAA"))) {
            assertRefused(() -> otherOrg.schemaId(ORDERS), Status.Code.UNAUTHENTICATED, "service.auth.error");
        }
        assertThat(client.schemaId(ORDERS)).hasSize(22);
    }

    @Test
    void topicsAndSchemasComeFromTheOrgModel() {
        TopicInfo orders = client.blocking()
                .getTopic(TopicRequest.newBuilder()
                        .setTopicName("/event/order_event__e")
                        .build());
        assertThat(orders.getTopicName()).isEqualTo(ORDERS);
        assertThat(orders.getCanPublish()).isTrue();
        assertThat(orders.getCanSubscribe()).isTrue();
        assertThat(orders.getTenantGuid()).isEqualTo(PubSubTestClient.ORG_ID);
        assertThat(orders.getRpcId()).isNotBlank();
        Schema schema = client.schema(orders.getSchemaId());
        assertThat(schema.getFields().stream().map(Schema.Field::name))
                .containsExactly(
                        "CreatedDate",
                        "CreatedById",
                        "Order_Number__c",
                        "Status__c",
                        "Amount__c",
                        "Source_Event_Id__c");

        TopicInfo accounts = client.blocking()
                .getTopic(TopicRequest.newBuilder()
                        .setTopicName("/data/AccountChangeEvent")
                        .build());
        assertThat(accounts.getCanPublish()).isFalse();
        assertThat(client.schema(accounts.getSchemaId()).getFields().get(0).name())
                .isEqualTo("ChangeEventHeader");
        assertThat(client.blocking()
                        .getTopic(TopicRequest.newBuilder()
                                .setTopicName("/data/Governor_Order__ChangeEvent")
                                .build())
                        .getTopicName())
                .isEqualTo("/data/Governor_Order__ChangeEvent");
        assertThat(client.blocking()
                        .getTopic(TopicRequest.newBuilder()
                                .setTopicName("/data/ChangeEvents")
                                .build())
                        .getCanSubscribe())
                .isTrue();

        assertRefused(
                () -> client.blocking()
                        .getTopic(TopicRequest.newBuilder()
                                .setTopicName("/data/CaseChangeEvent")
                                .build()),
                Status.Code.NOT_FOUND,
                "topic.not.found");
        assertRefused(() -> client.schema("no-such-schema"), Status.Code.INVALID_ARGUMENT, "schema.validation.failed");
    }

    @Test
    void restAndGrpcPublishesReachOneSubscriberInOrder() throws Exception {
        PublishResponse published =
                client.publish(ORDERS, client.orderEvent("uuid-1", "O-1"), client.orderEvent("", "O-2"));
        assertThat(published.getResultsList())
                .extracting(PublishResult::hasError)
                .containsExactly(false, false);
        assertThat(published.getResults(0).getCorrelationKey()).isEqualTo("uuid-1");
        assertThat(published.getResults(1).getCorrelationKey()).isNotBlank(); // generated for an empty id
        assertThat(published.getResults(0).getReplayId().size()).isEqualTo(10);
        String restUuid = Org.as(token)
                .body("{\"Order_Number__c\": \"O-3\"}")
                .post(V + "/sobjects/Order_Event__e/")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(restUuid).isNotBlank();

        var stream = client.subscribe();
        stream.send(fetch(ORDERS, ReplayPreset.EARLIEST, 10));
        List<ConsumerEvent> events = receive(stream, 3);
        assertThat(events)
                .extracting(e -> e.getEvent().getId())
                .startsWith("uuid-1", published.getResults(1).getCorrelationKey());
        assertThat(events).extracting(e -> orderNumber(e)).containsExactly("O-1", "O-2", "O-3");
        assertThat(replayPositions(events)).isSorted().doesNotHaveDuplicates();
        assertThat(events.get(0).getReplayId())
                .isEqualTo(published.getResults(0).getReplayId());
        assertThat(given().get("/simulator/pubsub").then().extract().<Integer>path("subscriptions[0].delivered"))
                .isEqualTo(3);
    }

    @Test
    void pubSubPublishesSpendThePublishingAllocationNotTheDailyApiCalls() {
        long apiCallsBefore =
                Org.stats().then().extract().<Number>path("apiCalls").longValue();
        Org.limits("{\"hourlyPublishedPlatformEvents\": 2}");
        PublishResponse first = client.publish(ORDERS, client.orderEvent("a", "O-1"), client.orderEvent("b", "O-2"));
        assertThat(first.getResultsList()).noneMatch(PublishResult::hasError);
        PublishResponse spent = client.publish(ORDERS, client.orderEvent("c", "O-3"));
        assertThat(spent.getResults(0).getError().getMsg()).contains("hourly");
        Org.as(token)
                .body("{\"Order_Number__c\": \"O-4\"}")
                .post(V + "/sobjects/Order_Event__e/")
                .then()
                .statusCode(400)
                .body("[0].errorCode", org.hamcrest.Matchers.equalTo("LIMIT_EXCEEDED"));
        long apiCallsAfter =
                Org.stats().then().extract().<Number>path("apiCalls").longValue();
        assertThat(apiCallsAfter - apiCallsBefore).isEqualTo(1); // the REST publish, not the gRPC ones
    }

    @Test
    void latestAndCustomStartWhereTheyShould() throws Exception {
        PublishResponse before = client.publish(
                ORDERS, client.orderEvent("1", "O-1"), client.orderEvent("2", "O-2"), client.orderEvent("3", "O-3"));

        var latest = client.subscribe();
        latest.send(fetch(ORDERS, ReplayPreset.LATEST, 10));
        awaitSubscribed();
        client.publish(ORDERS, client.orderEvent("4", "O-4"));
        assertThat(receive(latest, 1)).extracting(this::orderNumber).containsExactly("O-4");

        var custom = client.subscribe();
        custom.send(fetchAfter(ORDERS, before.getResults(0).getReplayId(), 10));
        assertThat(receive(custom, 3)).extracting(this::orderNumber).containsExactly("O-2", "O-3", "O-4");

        // popular clients keep the id as an 8-byte long and send that back
        long position = ByteBuffer.wrap(before.getResults(1).getReplayId().toByteArray())
                .getLong();
        var asLong = client.subscribe();
        asLong.send(fetchAfter(
                ORDERS,
                ByteString.copyFrom(ByteBuffer.allocate(8).putLong(position).array()),
                10));
        assertThat(receive(asLong, 2)).extracting(this::orderNumber).containsExactly("O-3", "O-4");
    }

    @Test
    void flowControlIsAdditiveAndCappedAtOneHundred() throws Exception {
        publishOrders(0, 150);
        var capped = client.subscribe();
        capped.send(fetch(ORDERS, ReplayPreset.EARLIEST, 160)); // 160 asked, 100 outstanding allowed
        assertThat(receive(capped, 100)).hasSize(100);
        assertThat(capped.next(Duration.ofMillis(700))).matches(r -> r == null || r.getEventsCount() == 0);
        capped.send(FetchRequest.newBuilder().setNumRequested(30).build());
        assertThat(orderNumber(receive(capped, 30).get(0))).isEqualTo("O-100");

        var additive = client.subscribe();
        additive.send(fetch(ORDERS, ReplayPreset.LATEST, 30));
        additive.send(FetchRequest.newBuilder().setNumRequested(40).build());
        awaitSubscribed();
        publishOrders(150, 100);
        assertThat(receive(additive, 70)).hasSize(70);
        assertThat(additive.next(Duration.ofMillis(700))).matches(r -> r == null || r.getEventsCount() == 0);
    }

    private void publishOrders(int from, int count) {
        List<ProducerEvent> batch = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            batch.add(client.orderEvent("e" + i, "O-" + i));
        }
        client.publish(ORDERS, batch.toArray(ProducerEvent[]::new));
    }

    @Test
    void anIdleSubscriptionGetsKeepalivesWithItsPosition() throws Exception {
        PublishResponse published = client.publish(ORDERS, client.orderEvent("1", "O-1"));
        var stream = client.subscribe();
        stream.send(fetch(ORDERS, ReplayPreset.EARLIEST, 5));
        assertThat(receive(stream, 1)).hasSize(1);
        FetchResponse keepalive = stream.next(WAIT);
        assertThat(keepalive).isNotNull();
        assertThat(keepalive.getEventsCount()).isZero();
        assertThat(keepalive.getLatestReplayId())
                .isEqualTo(published.getResults(0).getReplayId());
        assertThat(keepalive.getPendingNumRequested()).isEqualTo(4);
        assertThat(stream.ended(Duration.ofSeconds(1))).isNull(); // something is still requested: stays open
    }

    @Test
    void aStreamWithNothingRequestedClosesAfterTheIdleTimeout() throws Exception {
        client.publish(ORDERS, client.orderEvent("1", "O-1"), client.orderEvent("2", "O-2"));
        var stream = client.subscribe();
        stream.send(fetch(ORDERS, ReplayPreset.EARLIEST, 2));
        assertThat(receive(stream, 2)).hasSize(2);
        assertThat(stream.ended(Duration.ofMillis(1500))).isNull();
        assertThat(stream.ended(Duration.ofSeconds(6))).isNotNull();
    }

    @Test
    void badRequestsEndTheStreamWithTheirErrorCodes() throws Exception {
        PublishResponse published = client.publish(ORDERS, client.orderEvent("1", "O-1"));
        ByteString replayId = published.getResults(0).getReplayId();

        assertStreamRefused(
                FetchRequest.newBuilder()
                        .setTopicName(ORDERS)
                        .setReplayPreset(ReplayPreset.CUSTOM)
                        .setNumRequested(1)
                        .build(),
                Status.Code.INVALID_ARGUMENT,
                "subscription.fetch.replayid.validation.failed");
        assertStreamRefused(
                fetchAfter(ORDERS, ByteString.copyFromUtf8("garbage"), 1),
                Status.Code.INVALID_ARGUMENT,
                "subscription.fetch.replayid.validation.failed");
        assertStreamRefused(
                fetch(ORDERS, ReplayPreset.LATEST, 0),
                Status.Code.INVALID_ARGUMENT,
                "subscription.fetch.requested.events.invalid");
        assertStreamRefused(fetch("/event/Nope__e", ReplayPreset.LATEST, 1), Status.Code.NOT_FOUND, "topic.not.found");

        var mismatch = client.subscribe();
        mismatch.send(fetch(ORDERS, ReplayPreset.LATEST, 1));
        mismatch.send(fetch("/data/ChangeEvents", ReplayPreset.LATEST, 1));
        StatusRuntimeException error = mismatch.error(WAIT);
        assertThat(errorCode(error)).isEqualTo("sfdc.platform.eventbus.grpc.subscription.fetch.topic.mismatch");

        Org.advanceClock(73 * 3600); // the old event leaves the retention window, and the session times out
        client.close();
        client = new PubSubTestClient(Org.token());
        assertStreamRefused(
                fetchAfter(ORDERS, replayId, 1), Status.Code.INVALID_ARGUMENT, "subscription.fetch.replayid.corrupted");
    }

    @Test
    void theDeliveryAllocationRunsOut() throws Exception {
        client.publish(
                ORDERS, client.orderEvent("1", "O-1"), client.orderEvent("2", "O-2"), client.orderEvent("3", "O-3"));
        Org.limits("{\"dailyDeliveredPlatformEvents\": 2}");
        var stream = client.subscribe();
        stream.send(fetch(ORDERS, ReplayPreset.EARLIEST, 1));
        assertThat(receive(stream, 1)).hasSize(1);
        stream.send(FetchRequest.newBuilder().setNumRequested(1).build());
        assertThat(receive(stream, 1)).hasSize(1);
        stream.send(FetchRequest.newBuilder().setNumRequested(1).build());
        StatusRuntimeException error = stream.error(WAIT);
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(errorCode(error)).isEqualTo("sfdc.platform.eventbus.grpc.subscription.limit.exceeded");
        assertThat(error.getStatus().getDescription()).contains("rpcId: ");
    }

    @Test
    void eachPublishedEventGetsItsOwnResult() {
        ProducerEvent good = client.orderEvent("good", "O-1");
        ProducerEvent wrongSchema = good.toBuilder()
                .setId("wrong-schema")
                .setSchemaId("AAAAAAAAAAAAAAAAAAAAAA")
                .build();
        ProducerEvent unreadable = good.toBuilder()
                .setId("unreadable")
                .setPayload(ByteString.copyFromUtf8("\u0001\u0002"))
                .build();
        ProducerEvent tooLarge = good.toBuilder()
                .setId("too-large")
                .setPayload(ByteString.copyFrom(new byte[1_048_577]))
                .build();
        ProducerEvent withoutOrderNumber = client.orderEvent("no-order-number", "");
        ProducerEvent longOrderNumber = client.orderEvent("long-order-number", "O-".repeat(40));
        PublishResponse response = client.publish(
                ORDERS,
                good,
                wrongSchema,
                unreadable,
                tooLarge,
                withoutOrderNumber,
                longOrderNumber,
                good.toBuilder().setId("good-2").build());
        assertThat(response.getResultsList())
                .extracting(PublishResult::getCorrelationKey)
                .containsExactly(
                        "good",
                        "wrong-schema",
                        "unreadable",
                        "too-large",
                        "no-order-number",
                        "long-order-number",
                        "good-2");
        assertThat(response.getResultsList())
                .extracting(PublishResult::hasError)
                .containsExactly(false, true, true, true, true, true, false);
        assertThat(response.getResults(1).getError().getMsg()).contains("not the topic's current schema");
        assertThat(response.getResults(3).getError().getMsg()).contains("at most");
        assertThat(response.getResults(4).getError().getMsg())
                .isEqualTo("REQUIRED_FIELD_MISSING: Required fields are missing: [Order_Number__c]");
        assertThat(response.getResults(5).getError().getMsg()).startsWith("STRING_TOO_LONG: Order_Number__c");
        assertThat(response.getSchemaId()).isEqualTo(good.getSchemaId());
        given().get("/simulator/events/Order_Event__e")
                .then()
                .body("events.eventUuid", org.hamcrest.Matchers.contains("good", "good-2"));

        assertRefused(
                () -> client.blocking()
                        .publish(
                                PublishRequest.newBuilder().setTopicName(ORDERS).build()),
                Status.Code.INVALID_ARGUMENT,
                "publish.event.count.invalid");
        PublishRequest.Builder tooMany = PublishRequest.newBuilder().setTopicName(ORDERS);
        for (int i = 0; i < 201; i++) {
            tooMany.addEvents(good);
        }
        assertRefused(
                () -> client.blocking().publish(tooMany.build()),
                Status.Code.INVALID_ARGUMENT,
                "publish.event.count.invalid");
        assertRefused(
                () -> client.publish("/data/AccountChangeEvent", good),
                Status.Code.PERMISSION_DENIED,
                "topic.meta.permission");
        PublishRequest.Builder overFourMegabytes = PublishRequest.newBuilder().setTopicName(ORDERS);
        for (int i = 0; i < 5; i++) {
            overFourMegabytes.addEvents(tooLarge);
        }
        assertThatThrownBy(() -> client.blocking().publish(overFourMegabytes.build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    }

    @Test
    void aPublishStreamAnswersEachRequestAndClosesWhenIdle() throws Exception {
        var stream = client.publishStream();
        stream.send(PublishRequest.newBuilder()
                .setTopicName(ORDERS)
                .addEvents(client.orderEvent("1", "O-1"))
                .build());
        stream.send(PublishRequest.newBuilder()
                .setTopicName(ORDERS)
                .addEvents(client.orderEvent("2", "O-2"))
                .build());
        assertThat(stream.next(WAIT).getResults(0).getCorrelationKey()).isEqualTo("1");
        assertThat(stream.next(WAIT).getResults(0).getCorrelationKey()).isEqualTo("2");
        assertThat(stream.ended(Duration.ofSeconds(1))).isNull();
        assertThat(stream.ended(Duration.ofSeconds(6))).isEqualTo(Status.OK);

        var mixed = client.publishStream();
        mixed.send(PublishRequest.newBuilder()
                .setTopicName(ORDERS)
                .addEvents(client.orderEvent("3", "O-3"))
                .build());
        mixed.send(PublishRequest.newBuilder()
                .setTopicName("/event/Other__e")
                .addEvents(client.orderEvent("4", "O-4"))
                .build());
        assertThat(mixed.next(WAIT)).isNotNull();
        assertThat(errorCode(mixed.error(WAIT))).endsWith("topic.not.found");
    }

    @Test
    void aSchemaChangeGivesANewSchemaIdAndOldOnesStayReadable() throws Exception {
        String before = client.schemaId(ORDERS);
        client.publish(ORDERS, client.orderEvent("before", "O-0"));
        ProducerEvent old = client.orderEvent("old", "O-1");
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"Channel__c\", \"type\": \"string\", \"length\": 40}")
                .post("/simulator/org/objects/Order_Event__e/fields")
                .then()
                .statusCode(200);
        String after = client.schemaId(ORDERS);
        assertThat(after).isNotEqualTo(before).hasSize(22);
        assertThat(client.schema(after).getField("Channel__c")).isNotNull();

        Schema current = client.schema(after);
        byte[] payload = PubSubTestClient.encode(
                current,
                Map.of(
                        "CreatedDate",
                        1L,
                        "CreatedById",
                        "005000000000001AAA",
                        "Order_Number__c",
                        "O-2",
                        "Channel__c",
                        "web"));
        ProducerEvent fresh = ProducerEvent.newBuilder()
                .setId("new")
                .setSchemaId(after)
                .setPayload(ByteString.copyFrom(payload))
                .build();
        PublishResponse response = client.publish(ORDERS, old, fresh);
        assertThat(response.getResultsList())
                .extracting(PublishResult::hasError)
                .containsExactly(true, false);
        assertThat(response.getResults(0).getError().getMsg()).contains("current schema");
        assertThat(response.getSchemaId()).isEqualTo(after); // where the publisher learns the new schema

        var stream = client.subscribe();
        stream.send(fetch(ORDERS, ReplayPreset.EARLIEST, 10));
        List<ConsumerEvent> events = receive(stream, 2);
        assertThat(events).extracting(e -> e.getEvent().getSchemaId()).containsExactly(before, after);
        GenericRecord decoded = PubSubTestClient.decode(
                client.schema(after), events.get(1).getEvent().getPayload());
        assertThat(decoded.get("Channel__c")).hasToString("web");
    }

    @Test
    void revokedSessionsBreakOpenStreams() throws Exception {
        var stream = client.subscribe();
        stream.send(fetch(ORDERS, ReplayPreset.LATEST, 10));
        awaitSubscribed();
        given().post("/simulator/sessions/revoke").then().statusCode(200);
        StatusRuntimeException error = stream.error(WAIT);
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(errorCode(error)).isEqualTo("sfdc.platform.eventbus.grpc.service.auth.error");
    }

    @Test
    void streamFaultsStallAndDrop() throws Exception {
        var stream = client.subscribe();
        stream.send(fetch(ORDERS, ReplayPreset.LATEST, 10));
        awaitSubscribed();
        given().contentType(ContentType.JSON)
                .body("{\"stalledTopics\": [\"" + ORDERS + "\"]}")
                .put("/simulator/pubsub/faults")
                .then()
                .statusCode(200);
        client.publish(ORDERS, client.orderEvent("1", "O-1"));
        assertThat(stream.next(Duration.ofSeconds(3))).isNull(); // no event and no keepalive: a silent stall
        given().delete("/simulator/pubsub/faults").then().statusCode(200);
        assertThat(receive(stream, 1)).extracting(this::orderNumber).containsExactly("O-1");

        given().post("/simulator/pubsub/streams/drop")
                .then()
                .statusCode(200)
                .body("dropped", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        StatusRuntimeException error = stream.error(WAIT);
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(errorCode(error)).isEqualTo("sfdc.platform.eventbus.grpc.service.unavailable");

        given().contentType(ContentType.JSON)
                .body("{\"publishRefusalRate\": 1.0}")
                .put("/simulator/pubsub/faults")
                .then()
                .statusCode(200);
        assertThat(client.publish(ORDERS, client.orderEvent("2", "O-2"))
                        .getResults(0)
                        .getError()
                        .getMsg())
                .contains("refused");
    }

    private void assertStreamRefused(FetchRequest request, Status.Code status, String code) throws Exception {
        var stream = client.subscribe();
        stream.send(request);
        StatusRuntimeException error = stream.error(WAIT);
        assertThat(error).as("stream ended with an error").isNotNull();
        assertThat(error.getStatus().getCode()).isEqualTo(status);
        assertThat(errorCode(error)).isEqualTo("sfdc.platform.eventbus.grpc." + code);
        assertThat(error.getStatus().getDescription()).contains("rpcId: ");
    }

    private static void assertRefused(Runnable call, Status.Code status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(status);
            assertThat(errorCode(e)).isEqualTo("sfdc.platform.eventbus.grpc." + code);
            assertThat(e.getStatus().getDescription()).contains("rpcId: ");
        });
    }

    /** Waits until the subscription's first request has been read (the admin API shows its topic). */
    private static void awaitSubscribed() {
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .until(() ->
                        given()
                                .get("/simulator/pubsub")
                                .then()
                                .extract()
                                .<List<String>>path("subscriptions.topic")
                                .stream()
                                .anyMatch(t -> t != null));
    }

    private static List<ConsumerEvent> receive(PubSubTestClient.Stream<FetchRequest, FetchResponse> stream, int count)
            throws InterruptedException {
        List<ConsumerEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (events.size() < count && System.nanoTime() < deadline) {
            FetchResponse response = stream.next(Duration.ofMillis(200));
            if (response != null) {
                events.addAll(response.getEventsList());
            }
        }
        assertThat(events).as("events received").hasSize(count);
        return events;
    }

    private String orderNumber(ConsumerEvent event) {
        Schema schema = client.schema(event.getEvent().getSchemaId());
        return PubSubTestClient.decode(schema, event.getEvent().getPayload())
                .get("Order_Number__c")
                .toString();
    }

    private static List<Long> replayPositions(List<ConsumerEvent> events) {
        return events.stream()
                .map(e -> ByteBuffer.wrap(e.getReplayId().toByteArray()).getLong())
                .toList();
    }
}
