package dev.governor.simulator;

import static dev.governor.simulator.Org.V;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.salesforce.eventbus.protobuf.ConsumerEvent;
import com.salesforce.eventbus.protobuf.FetchResponse;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import dev.governor.testsupport.NeedsStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * Change Data Capture: every kind of write through every API emits change events with the header a real
 * org sends — type, record ids, origin naming the API and client, one transaction key and sequence per
 * call, commit fields — and field lists as bitmaps over the schema; updates carry only changed fields;
 * a rolled-back composite emits nothing; another integration's writes are seen; a transaction past the
 * overflow threshold (250 in the test profile) ends in a GAP_OVERFLOW event.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(ConnectedAppKeys.class)
class ChangeEventsConformanceTest extends OrgConformanceTest {

    static final String ORIGIN = "com/salesforce/api/rest/63.0;client=" + ConnectedAppKeys.CONSUMER_KEY;

    @Test
    void aCreateCarriesEveryFieldSetAndTheHeader() {
        String id = Org.as(token)
                .body("{\"Name\": \"Acme\", \"Phone\": \"555-0100\", \"NumberOfEmployees\": 12}")
                .post(V + "/sobjects/Account/")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        JsonPath events = events("AccountChangeEvent");
        assertThat(events.getList("events")).hasSize(1);
        String header = "events[0].payload.ChangeEventHeader.";
        assertThat(events.getString(header + "entityName")).isEqualTo("Account");
        assertThat(events.getList(header + "recordIds")).containsExactly(id);
        assertThat(events.getString(header + "changeType")).isEqualTo("CREATE");
        assertThat(events.getString(header + "changeOrigin")).isEqualTo(ORIGIN);
        assertThat(events.getInt(header + "sequenceNumber")).isEqualTo(1);
        assertThat(events.getString(header + "commitUser")).startsWith("005");
        assertThat(events.getString(header + "transactionKey")).isNotBlank();
        assertThat(events.getLong(header + "commitTimestamp")).isPositive();
        assertThat(events.getLong(header + "commitNumber")).isPositive();
        assertThat(events.getList(header + "changedFields")).isEmpty();
        assertThat(events.getString("events[0].payload.Name")).isEqualTo("Acme");
        assertThat(events.getInt("events[0].payload.NumberOfEmployees")).isEqualTo(12);
        assertThat(events.getString("events[0].payload.CreatedDate")).isNotBlank();
        assertThat(events("ChangeEvents").getList("events.eventUuid")).isEqualTo(events.getList("events.eventUuid"));
        given().get("/simulator/events/CaseChangeEvent").then().statusCode(404);
    }

    @Test
    void anUpdateCarriesOnlyWhatChangedWithItsBitmaps() {
        String id = create("{\"Name\": \"Acme\", \"Phone\": \"555-0100\", \"Website\": \"https://acme.example\"}");
        Org.as(token)
                .body("{\"Name\": \"Acme\", \"Phone\": \"555-0199\", \"Website\": null}")
                .patch(V + "/sobjects/Account/" + id)
                .then()
                .statusCode(204);
        JsonPath events = events("AccountChangeEvent");
        String update = "events[1].";
        assertThat(events.getString(update + "payload.ChangeEventHeader.changeType"))
                .isEqualTo("UPDATE");
        assertThat(events.getString(update + "payload.Phone")).isEqualTo("555-0199");
        assertThat(events.getString(update + "payload.Name")).isNull(); // unchanged: null
        assertThat(events.getList(update + "fieldNames.changedFields"))
                .containsExactlyInAnyOrder("Phone", "Website", "LastModifiedDate");
        assertThat(events.getList(update + "fieldNames.nulledFields")).containsExactly("Website");

        // the bitmap is hex over the schema's field positions, as a subscriber decodes it
        Schema schema;
        try (var client = new PubSubTestClient(token)) {
            schema = client.schema(events.getString(update + "schemaId"));
        }
        String bitmap = events.getString(update + "payload.ChangeEventHeader.changedFields[0]");
        assertThat(bitmap).matches("0x[0-9A-F]+");
        BigInteger bits = new BigInteger(bitmap.substring(2), 16);
        assertThat(bits.testBit(schema.getField("Phone").pos())).isTrue();
        assertThat(bits.testBit(schema.getField("Name").pos())).isFalse();
    }

    @Test
    void oneCallIsOneTransactionInSequence() {
        Org.as(token)
                .body(Org.accounts(false, "X-1=One", "X-2=Two", "X-3=Three"))
                .patch(UPSERT)
                .then()
                .statusCode(200);
        JsonPath events = events("AccountChangeEvent");
        assertThat(events.getList("events.payload.ChangeEventHeader.transactionKey").stream()
                        .distinct())
                .hasSize(1);
        assertThat(events.getList("events.payload.ChangeEventHeader.sequenceNumber"))
                .containsExactly(1, 2, 3);
        assertThat(events.getList("events.payload.ChangeEventHeader.commitNumber").stream()
                        .distinct())
                .hasSize(1);

        String id = events.getString("events[0].payload.ChangeEventHeader.recordIds[0]");
        Org.as(token).delete(V + "/sobjects/Account/" + id).then().statusCode(204);
        JsonPath after = events("AccountChangeEvent");
        assertThat(after.getString("events[3].payload.ChangeEventHeader.changeType"))
                .isEqualTo("DELETE");
        assertThat(after.getString("events[3].payload.Name")).isNull();
        assertThat(after.getString("events[3].payload.ChangeEventHeader.transactionKey"))
                .isNotEqualTo(events.getString("events[0].payload.ChangeEventHeader.transactionKey"));
    }

    @Test
    void aCompositeAllOrNoneIsOneTransactionOrNothing() {
        Org.as(token)
                .body("""
                {"allOrNone": true, "compositeRequest": [
                  {"method": "POST", "url": "/services/data/v63.0/sobjects/Account", "referenceId": "a",
                   "body": {"Name": "Parent"}},
                  {"method": "POST", "url": "/services/data/v63.0/sobjects/Account", "referenceId": "b",
                   "body": {"Rating": "Hot"}}
                ]}""")
                .post(V + "/composite")
                .then()
                .statusCode(200)
                .body("compositeResponse.httpStatusCode", contains(400, 400));
        given().get("/simulator/events/AccountChangeEvent").then().body("events", hasSize(0));

        Org.as(token)
                .body("""
                {"allOrNone": true, "compositeRequest": [
                  {"method": "POST", "url": "/services/data/v63.0/sobjects/Account", "referenceId": "a",
                   "body": {"Name": "Parent"}},
                  {"method": "PATCH", "url": "/services/data/v63.0/sobjects/Contact/External_Id__c/C-1",
                   "referenceId": "c", "body": {"LastName": "Child", "AccountId": "@{a.id}"}}
                ]}""")
                .post(V + "/composite")
                .then()
                .statusCode(200)
                .body("compositeResponse.httpStatusCode", contains(201, 201));
        JsonPath all = events("ChangeEvents");
        assertThat(all.getList("events.payload.ChangeEventHeader.entityName")).containsExactly("Account", "Contact");
        assertThat(all.getList("events.payload.ChangeEventHeader.transactionKey").stream()
                        .distinct())
                .hasSize(1);
        assertThat(all.getList("events.payload.ChangeEventHeader.sequenceNumber"))
                .containsExactly(1, 2);
    }

    @Test
    void anotherIntegrationsWritesAreSeenWithItsOrigin() {
        String other = given().contentType(ContentType.JSON)
                .body("{\"clientId\": \"erp-sync\", \"username\": \"erp@governor.example\"}")
                .post("/simulator/sessions")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        Org.as(other)
                .body("{\"Name\": \"Behind Governor's back\"}")
                .post("/services/data/v56.0/sobjects/Account/")
                .then()
                .statusCode(201);
        JsonPath events = events("AccountChangeEvent");
        assertThat(events.getString("events[0].payload.ChangeEventHeader.changeOrigin"))
                .isEqualTo("com/salesforce/api/rest/56.0;client=erp-sync");
        assertThat(events.getString("events[0].clientId")).isEqualTo("erp-sync");
    }

    @Test
    void aTransactionPastTheOverflowThresholdEndsInAGapOverflow() {
        StringBuilder composite = new StringBuilder("{\"allOrNone\": true, \"compositeRequest\": [");
        for (int call = 0; call < 2; call++) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                pairs.add("OV-" + call + "-" + i + "=Overflow " + i);
            }
            composite
                    .append(call == 0 ? "" : ",")
                    .append("{\"method\": \"PATCH\", \"url\": \"")
                    .append(UPSERT)
                    .append("\", \"referenceId\": \"r")
                    .append(call)
                    .append("\", \"body\": ")
                    .append(Org.accounts(true, pairs.toArray(String[]::new)))
                    .append('}');
        }
        Org.as(token)
                .body(composite.append("]}").toString())
                .post(V + "/composite")
                .then()
                .statusCode(200);
        JsonPath events = given().queryParam("limit", 1000)
                .get("/simulator/events/AccountChangeEvent")
                .jsonPath();
        List<String> types = events.getList("events.payload.ChangeEventHeader.changeType");
        assertThat(types).hasSize(251);
        assertThat(types.subList(0, 250)).containsOnly("CREATE");
        assertThat(types.get(250)).isEqualTo("GAP_OVERFLOW");
        assertThat(events.getList("events[250].payload.ChangeEventHeader.recordIds"))
                .containsExactly("001*");
        assertThat(events.getInt("events[250].payload.ChangeEventHeader.sequenceNumber"))
                .isEqualTo(251);
    }

    @Test
    void untrackedObjectsAndPlatformEventsEmitNoChangeEvents() {
        Org.as(token)
                .body("{\"Subject\": \"Help\"}")
                .post(V + "/sobjects/Case/")
                .then()
                .statusCode(201);
        Org.as(token)
                .body("{\"Order_Number__c\": \"O-1\"}")
                .post(V + "/sobjects/Order_Event__e/")
                .then()
                .statusCode(201);
        given().get("/simulator/events/ChangeEvents").then().body("events", hasSize(0));
    }

    @Test
    void aSubscriberDecodesChangeEventsWithTheirSchema() throws Exception {
        try (var client = new PubSubTestClient(token)) {
            var stream = client.subscribe();
            stream.send(PubSubTestClient.fetch("/data/ChangeEvents", ReplayPreset.LATEST, 10));
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> given().get("/simulator/pubsub")
                            .then()
                            .extract()
                            .<List<String>>path("subscriptions.topic")
                            .contains("/data/ChangeEvents"));
            create("{\"Name\": \"Streamed\"}");
            Org.as(token)
                    .body("{\"records\": [{\"attributes\": {\"type\": \"Governor_Order__c\"}, \"Name\": \"Order\","
                            + " \"Order_Number__c\": \"ORD-1\", \"Amount__c\": 12.5}]}")
                    .post(V + "/composite/sobjects")
                    .then()
                    .statusCode(200)
                    .body("[0].success", equalTo(true));
            List<ConsumerEvent> events = new ArrayList<>();
            while (events.size() < 2) {
                FetchResponse response = stream.next(Duration.ofSeconds(5));
                assertThat(response).as("change events arrive").isNotNull();
                events.addAll(response.getEventsList());
            }
            GenericRecord order = PubSubTestClient.decode(
                    client.schema(events.get(1).getEvent().getSchemaId()),
                    events.get(1).getEvent().getPayload());
            GenericRecord header = (GenericRecord) order.get("ChangeEventHeader");
            assertThat(header.get("entityName")).hasToString("Governor_Order__c");
            assertThat(header.get("changeType")).hasToString("CREATE");
            assertThat(order.get("Amount__c")).isEqualTo(12.5);
            assertThat(order.get("Order_Number__c")).hasToString("ORD-1");
            assertThat(order.get("Status__c")).isNull();
        }
    }

    private String create(String body) {
        return Org.as(token)
                .body(body)
                .post(V + "/sobjects/Account/")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static JsonPath events(String channel) {
        return given().get("/simulator/events/" + channel)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
