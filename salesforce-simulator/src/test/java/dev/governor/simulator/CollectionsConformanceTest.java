package dev.governor.simulator;

import static dev.governor.simulator.Org.V;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import dev.governor.testsupport.NeedsStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** sObject Collections, the main write path: one API call, up to 200 records, per-record results in order. */
@NeedsStack
@QuarkusTest
@WithTestResource(ConnectedAppKeys.class)
class CollectionsConformanceTest extends OrgConformanceTest {

    @Test
    void upsertCreatesThenUpdatesAndAnswersInOrderInOneApiCall() {
        Org.as(token)
                .body(Org.accounts(false, "A-1=Acme", "A-2=Globex"))
                .patch(UPSERT)
                .then()
                .statusCode(200)
                .body("created", contains(true, true))
                .body("success", contains(true, true))
                .body("id", everyItem(matchesPattern("001\\w{15}")))
                .body("errors", contains(java.util.List.of(), java.util.List.of()));

        Org.as(token)
                .body(Org.accounts(false, "A-2=Globex Corp", "A-3=Initech"))
                .patch(UPSERT)
                .then()
                .statusCode(200)
                .body("created", contains(false, true));

        given().get("/simulator/records/Account/External_Id__c/A-2")
                .then()
                .statusCode(200)
                .body("fields.Name", equalTo("Globex Corp"))
                .body("creates", equalTo(1))
                .body("updates", equalTo(1));
        Org.stats().then().body("apiCalls", equalTo(2)).body("callsByEndpoint.collections", equalTo(2));
    }

    @Test
    void partialFailuresUnderAllOrNoneFalseLeaveTheRestWritten() {
        Org.as(token)
                .body(Org.accounts(false, "B-1=Good", "B-2", "B-3=Also good"))
                .patch(UPSERT)
                .then()
                .statusCode(200)
                .body("success", contains(true, false, true))
                .body("[1].id", nullValue())
                .body("[1].errors[0].statusCode", equalTo("REQUIRED_FIELD_MISSING"))
                .body("[1].errors[0].message", equalTo("Required fields are missing: [Name]"))
                .body("[1].errors[0].fields", contains("Name"))
                .body("[1].errors[0].errorCode", nullValue());
        given().get("/simulator/records/Account").then().body("totalSize", equalTo(2));
    }

    @Test
    void allOrNoneTrueRollsEverythingBackAndMarksTheGoodRecords() {
        Org.as(token)
                .body(Org.accounts(true, "C-1=Good", "C-2", "C-3=Good too"))
                .patch(UPSERT)
                .then()
                .statusCode(200)
                .body("success", contains(false, false, false))
                .body("id", contains(null, null, null))
                .body("[0].errors[0].statusCode", equalTo("ALL_OR_NONE_OPERATION_ROLLED_BACK"))
                .body("[1].errors[0].statusCode", equalTo("REQUIRED_FIELD_MISSING"))
                .body("[2].errors[0].statusCode", equalTo("ALL_OR_NONE_OPERATION_ROLLED_BACK"));
        given().get("/simulator/records/Account").then().body("totalSize", equalTo(0));
    }

    @Test
    void theSameExternalIdTwiceInOneRequestFailsBothAndWritesNeither() {
        Org.as(token)
                .body(Org.accounts(false, "D-1=First", "D-2=Other", "D-1=Second"))
                .patch(UPSERT)
                .then()
                .statusCode(200)
                .body("success", contains(false, true, false))
                .body("[0].errors[0].statusCode", equalTo("DUPLICATE_EXTERNAL_ID"))
                .body("[2].errors[0].statusCode", equalTo("DUPLICATE_EXTERNAL_ID"));
        given().get("/simulator/records/Account/External_Id__c/D-1").then().statusCode(404);
    }

    @Test
    void moreThan200RecordsIsRefusedWhole() {
        String[] records = new String[201];
        for (int i = 0; i < records.length; i++) {
            records[i] = "E-" + i + "=Name " + i;
        }
        Org.as(token)
                .body(Org.accounts(false, records))
                .patch(UPSERT)
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("EXCEEDED_ID_LIMIT"));
        Org.as(token)
                .body(Org.accounts(false, java.util.Arrays.copyOf(records, 200)))
                .patch(UPSERT)
                .then()
                .statusCode(200)
                .body("success", hasSize(200));
    }

    @Test
    void unknownFieldsObjectsAndMalformedJsonAreTopLevelErrors() {
        Org.as(token)
                .body("{\"records\":[{\"attributes\":{\"type\":\"Account\"},\"External_Id__c\":\"F-1\","
                        + "\"Nmae\":\"x\"}]}")
                .patch(UPSERT)
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("INVALID_FIELD"))
                .body("[0].message", equalTo("No such column 'Nmae' on sobject of type Account"));
        Org.as(token)
                .body(Org.accounts(false, "F-1=x"))
                .patch(V + "/composite/sobjects/Acount/External_Id__c")
                .then()
                .statusCode(404)
                .body("[0].errorCode", equalTo("NOT_FOUND"));
        Org.as(token)
                .body(Org.accounts(false, "F-1=x"))
                .patch(V + "/composite/sobjects/Account/Name")
                .then()
                .statusCode(404)
                .body("[0].errorCode", equalTo("NOT_FOUND"));
        Org.as(token)
                .body("{\"records\": [")
                .patch(UPSERT)
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("JSON_PARSER_ERROR"));
        Org.as(token)
                .body("{\"records\":[{\"attributes\":{\"type\":\"Account\"},\"External_Id__c\":\"F-2\",\"Name\":\"x\","
                        + "\"NumberOfEmployees\":\"many\"}]}")
                .patch(UPSERT)
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("JSON_PARSER_ERROR"));
    }

    @Test
    void fieldRulesFailTheirRecordWithSalesforcesCodes() {
        String longName = "x".repeat(256);
        Org.as(token)
                .body("{\"records\":["
                        + "{\"attributes\":{\"type\":\"Account\"},\"External_Id__c\":\"G-1\",\"Name\":\""
                        + longName + "\"},"
                        + "{\"attributes\":{\"type\":\"Account\"},\"External_Id__c\":\"G-2\",\"Name\":\"n\","
                        + "\"Rating\":\"Lukewarm\"},"
                        + "{\"attributes\":{\"type\":\"Account\"},\"External_Id__c\":\"G-3\",\"Name\":\"n\","
                        + "\"Industry\":\"Anything goes\"}]}")
                .patch(UPSERT)
                .then()
                .statusCode(200)
                .body("[0].errors[0].statusCode", equalTo("STRING_TOO_LONG"))
                .body("[0].errors[0].fields", contains("Name"))
                .body("[1].errors[0].statusCode", equalTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"))
                .body("[2].success", equalTo(true));
        Org.as(token)
                .body("{\"records\":[{\"attributes\":{\"type\":\"Contact\"},\"External_Id__c\":\"H-1\","
                        + "\"LastName\":\"L\","
                        + "\"AccountId\":\"001000000000000\"}, "
                        + "{\"attributes\":{\"type\":\"Contact\"},\"External_Id__c\":\"H-2\","
                        + "\"LastName\":\"L\",\"AccountId\":\"nope\"}, "
                        + "{\"attributes\":{\"type\":\"Contact\"},\"External_Id__c\":\"H-3\","
                        + "\"LastName\":\"L\",\"Email\":\"not-an-email\"}]}")
                .patch(V + "/composite/sobjects/Contact/External_Id__c")
                .then()
                .statusCode(200)
                .body("[0].errors[0].statusCode", equalTo("INVALID_CROSS_REFERENCE_KEY"))
                .body("[1].errors[0].statusCode", equalTo("MALFORMED_ID"))
                .body("[2].errors[0].statusCode", equalTo("INVALID_EMAIL_ADDRESS"));
    }

    @Test
    void aUniqueFieldRefusesASecondRecordWithDuplicateValue() {
        String order = "{\"attributes\":{\"type\":\"Governor_Order__c\"},\"Name\":\"%s\",\"Order_Number__c\":\"%s\"}";
        String created = Org.as(token)
                .body("{\"records\":[" + order.formatted("first", "O-1") + "]}")
                .post(V + "/composite/sobjects")
                .then()
                .statusCode(200)
                .body("[0].created", equalTo(true))
                .extract()
                .path("[0].id");

        Org.as(token)
                .body("{\"records\":[" + order.formatted("second", "o-1") + "," + order.formatted("third", "O-2")
                        + "]}")
                .post(V + "/composite/sobjects")
                .then()
                .statusCode(200)
                .body("[0].errors[0].statusCode", equalTo("DUPLICATE_VALUE"))
                .body(
                        "[0].errors[0].message",
                        equalTo("duplicate value found: Order_Number__c duplicates value on record with id: "
                                + created))
                .body("[1].success", equalTo(true));
    }

    @Test
    void createUpdateAndDeleteByIdWorkAsCollections() {
        String[] ids = Org.as(token)
                .body("{\"records\":[{\"attributes\":{\"type\":\"Account\"},\"Name\":\"One\"},"
                        + "{\"attributes\":{\"type\":\"Contact\"},\"LastName\":\"Two\"}]}")
                .post(V + "/composite/sobjects")
                .then()
                .statusCode(200)
                .body("success", contains(true, true))
                .extract()
                .jsonPath()
                .getList("id", String.class)
                .toArray(String[]::new);

        Org.as(token)
                .body("{\"records\":[{\"attributes\":{\"type\":\"Account\"},\"id\":\"" + ids[0]
                        + "\",\"Name\":\"Uno\"}]}")
                .patch(V + "/composite/sobjects")
                .then()
                .statusCode(200)
                .body("[0].success", equalTo(true));
        Org.as(token)
                .get(V + "/sobjects/Account/" + ids[0])
                .then()
                .statusCode(200)
                .body("Name", equalTo("Uno"));

        Org.as(token)
                .queryParam("ids", ids[0] + "," + ids[1])
                .queryParam("allOrNone", false)
                .delete(V + "/composite/sobjects")
                .then()
                .statusCode(200)
                .body("success", contains(true, true));
        Org.as(token).get(V + "/sobjects/Account/" + ids[0]).then().statusCode(404);
        Org.as(token)
                .body("{\"records\":[{\"Name\":\"untyped\"}]}")
                .post(V + "/composite/sobjects")
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("INVALID_TYPE"));
    }

    @Test
    void platformEventsPublishThroughCollectionsAsEnqueuedOperations() {
        Org.as(token)
                .body("{\"records\":[{\"attributes\":{\"type\":\"Order_Event__e\"},\"Order_Number__c\":\"O-9\"},"
                        + "{\"attributes\":{\"type\":\"Order_Event__e\"},\"Order_Number__c\":\"O-10\"}]}")
                .post(V + "/composite/sobjects")
                .then()
                .statusCode(200)
                .body("success", contains(true, true))
                .body("[0].errors[0].statusCode", equalTo("OPERATION_ENQUEUED"))
                .body("[0].errors[0].message", matchesPattern("[0-9a-f-]{36}"));
        given().get("/simulator/events/Order_Event__e").then().body("events", hasSize(2));
    }
}
