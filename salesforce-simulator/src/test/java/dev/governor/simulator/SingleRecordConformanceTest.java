package dev.governor.simulator;

import static dev.governor.simulator.Org.V;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import dev.governor.testsupport.NeedsStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Single-record REST: upsert by external id with its status codes, retrieve, update, delete, publish. */
@NeedsStack
@QuarkusTest
@WithTestResource(ConnectedAppKeys.class)
class SingleRecordConformanceTest extends OrgConformanceTest {

    @Test
    void upsertAnswers201ThenAnUpdateAnswerThatDependsOnTheApiVersion() {
        String id = Org.as(token)
                .body("{\"Name\": \"Acme\"}")
                .patch(V + "/sobjects/Account/External_Id__c/U-1")
                .then()
                .statusCode(201)
                .body("success", equalTo(true))
                .body("created", equalTo(true))
                .body("errors", hasSize(0))
                .body("id", matchesPattern("001\\w{15}"))
                .extract()
                .path("id");

        Org.as(token)
                .body("{\"Name\": \"Acme Corp\"}")
                .patch(V + "/sobjects/Account/External_Id__c/U-1")
                .then()
                .statusCode(200)
                .body("created", equalTo(false))
                .body("id", equalTo(id));
        Org.as(token)
                .body("{\"Name\": \"Acme Inc\"}")
                .patch("/services/data/v45.0/sobjects/Account/External_Id__c/U-1")
                .then()
                .statusCode(204);

        Org.as(token)
                .get(V + "/sobjects/Account/External_Id__c/U-1")
                .then()
                .statusCode(200)
                .body("Id", equalTo(id))
                .body("Name", equalTo("Acme Inc"))
                .body("attributes.type", equalTo("Account"));
        given().get("/simulator/records/Account/External_Id__c/U-1")
                .then()
                .body("creates", equalTo(1))
                .body("updates", equalTo(2));
    }

    @Test
    void upsertOnAnExternalIdSharedByTwoRecordsAnswers300WithTheirUrls() {
        Org.as(token)
                .body("{\"records\":[{\"attributes\":{\"type\":\"Contact\"},\"LastName\":\"A\","
                        + "\"Legacy_Id__c\":\"L-1\"},"
                        + "{\"attributes\":{\"type\":\"Contact\"},\"LastName\":\"B\","
                        + "\"Legacy_Id__c\":\"L-1\"}]}")
                .post(V + "/composite/sobjects")
                .then()
                .statusCode(200)
                .body("success", contains(true, true));

        Org.as(token)
                .body("{\"LastName\": \"C\"}")
                .patch(V + "/sobjects/Contact/Legacy_Id__c/L-1")
                .then()
                .statusCode(300)
                .body("$", hasSize(2))
                .body("[0]", matchesPattern("/services/data/v63.0/sobjects/Contact/003\\w{15}"));
    }

    @Test
    void upsertRefusesUnknownObjectsExternalIdFieldsAndInvalidRecords() {
        Org.as(token)
                .body("{\"Name\": \"x\"}")
                .patch(V + "/sobjects/Nope__c/External_Id__c/1")
                .then()
                .statusCode(404)
                .body("[0].errorCode", equalTo("NOT_FOUND"))
                .body("[0].message", equalTo("The requested resource does not exist"));
        Org.as(token)
                .body("{\"Name\": \"x\"}")
                .patch(V + "/sobjects/Account/Nope__c/1")
                .then()
                .statusCode(404)
                .body("[0].errorCode", equalTo("NOT_FOUND"));
        Org.as(token)
                .body("{\"Rating\": \"Hot\"}")
                .patch(V + "/sobjects/Account/External_Id__c/U-2")
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("REQUIRED_FIELD_MISSING"))
                .body("[0].fields", contains("Name"));
        Org.as(token)
                .body("{\"Name\": \"x\", \"Bogus\": 1}")
                .patch(V + "/sobjects/Account/External_Id__c/U-2")
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("INVALID_FIELD"));
    }

    @Test
    void createRetrieveUpdateAndDeleteOneRecord() {
        String id = Org.as(token)
                .body("{\"Name\": \"Solo\"}")
                .post(V + "/sobjects/Account/")
                .then()
                .statusCode(201)
                .body("success", equalTo(true))
                .extract()
                .path("id");
        Org.as(token)
                .body("{\"Name\": \"Solo 2\"}")
                .patch(V + "/sobjects/Account/" + id)
                .then()
                .statusCode(204);
        Org.as(token).get(V + "/sobjects/Account/" + id).then().statusCode(200).body("Name", equalTo("Solo 2"));
        Org.as(token).delete(V + "/sobjects/Account/" + id).then().statusCode(204);
        Org.as(token).get(V + "/sobjects/Account/" + id).then().statusCode(404);
        Org.as(token)
                .delete(V + "/sobjects/Account/" + id)
                .then()
                .statusCode(404)
                .body("[0].errorCode", equalTo("ENTITY_IS_DELETED"));
    }

    @Test
    void publishingAPlatformEventIsEnqueuedWithItsEventUuidOnAReplayableBus() {
        String uuid = Org.as(token)
                .body("{\"Order_Number__c\": \"O-1\", \"Amount__c\": 12.5}")
                .post(V + "/sobjects/Order_Event__e/")
                .then()
                .statusCode(201)
                .body("id", matchesPattern("e00\\w{15}"))
                .body("success", equalTo(true))
                .body("errors[0].statusCode", equalTo("OPERATION_ENQUEUED"))
                .body("errors[0].fields", hasSize(0))
                .extract()
                .path("errors[0].message");
        Org.as(token)
                .body("{\"Order_Number__c\": \"O-2\"}")
                .post(V + "/sobjects/Order_Event__e/")
                .then()
                .statusCode(201);

        List<Integer> replayIds = given().get("/simulator/events/Order_Event__e")
                .then()
                .body("events[0].eventUuid", equalTo(uuid))
                .body("events[0].payload.Order_Number__c", equalTo("O-1"))
                .extract()
                .path("events.replayId");
        org.assertj.core.api.Assertions.assertThat(replayIds.get(1)).isGreaterThan(replayIds.get(0));

        Org.as(token)
                .body("{\"Status__c\": \"x\"}")
                .post(V + "/sobjects/Order_Event__e/")
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("REQUIRED_FIELD_MISSING"));
    }

    @Test
    void eventsFallOutOfTheRetentionWindow() {
        Org.as(token)
                .body("{\"Order_Number__c\": \"O-1\"}")
                .post(V + "/sobjects/Order_Event__e/")
                .then()
                .statusCode(201);
        Org.advanceClock(71 * 3600);
        given().get("/simulator/events/Order_Event__e").then().body("events", hasSize(1));
        Org.advanceClock(3600 + 1);
        given().get("/simulator/events/Order_Event__e")
                .then()
                .body("events", hasSize(0))
                .body("latestReplayId", greaterThan(0));
    }
}
