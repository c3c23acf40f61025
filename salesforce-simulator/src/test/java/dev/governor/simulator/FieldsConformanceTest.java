package dev.governor.simulator;

import static dev.governor.simulator.Org.V;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.governor.testsupport.NeedsStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Fields as Salesforce treats them: described fully (what a client needs to check a value before it
 * sends it), numbers refused when they do not fit the field instead of stored truncated, values of the
 * wrong type refused, External ID values compared without regard to case unless the field is case-sensitive.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(ConnectedAppKeys.class)
class FieldsConformanceTest extends OrgConformanceTest {

    private static String account(String externalId, String field, String json) {
        return "{\"allOrNone\": false, \"records\": [{\"attributes\": {\"type\": \"Account\"}, \"External_Id__c\": \""
                + externalId + "\", \"Name\": \"x\", \"" + field + "\": " + json + "}]}";
    }

    @Test
    void describeSaysHowEachFieldCompares_whatMayBeWritten_andWhereTheObjectLives() {
        Org.as(token)
                .get(V + "/sobjects/Contact/describe")
                .then()
                .statusCode(200)
                .body("urls.sobject", equalTo("/services/data/v63.0/sobjects/Contact"))
                .body("urls.describe", equalTo("/services/data/v63.0/sobjects/Contact/describe"))
                .body("fields.find { it.name == 'Legacy_Id__c' }.caseSensitive", equalTo(true))
                .body("fields.find { it.name == 'Legacy_Id__c' }.idLookup", equalTo(true))
                .body("fields.find { it.name == 'External_Id__c' }.caseSensitive", equalTo(false))
                .body("fields.find { it.name == 'Id' }.createable", equalTo(false))
                .body("fields.find { it.name == 'Id' }.defaultedOnCreate", equalTo(true))
                .body("fields.find { it.name == 'LastName' }.createable", equalTo(true))
                .body("fields.find { it.name == 'HasOptedOutOfEmail' }.defaultedOnCreate", equalTo(true));
        Org.as(token)
                .get(V + "/sobjects/Account/describe")
                .then()
                .body("fields.find { it.name == 'NumberOfEmployees' }.digits", equalTo(8))
                .body("fields.find { it.name == 'AnnualRevenue' }.precision", equalTo(18))
                .body("fields.find { it.name == 'AnnualRevenue' }.scale", equalTo(0))
                .body("fields.name", hasItem("Phone"));
    }

    @Test
    void anIntegerTooLargeForAnIntFieldIsRefusedNotTruncated() {
        Org.as(token)
                .body(account("N-1", "NumberOfEmployees", "12345678901234567890123"))
                .patch(UPSERT)
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("JSON_PARSER_ERROR"));
        Org.as(token)
                .body(account("N-2", "NumberOfEmployees", "123456789"))
                .patch(UPSERT)
                .then()
                .statusCode(200)
                .body("[0].success", equalTo(false))
                .body("[0].errors[0].statusCode", equalTo("NUMBER_OUTSIDE_VALID_RANGE"));
        Org.as(token)
                .body(account("N-3", "NumberOfEmployees", "12345678"))
                .patch(UPSERT)
                .then()
                .statusCode(200)
                .body("[0].success", equalTo(true));
        given().get("/simulator/records/Account/External_Id__c/N-3")
                .then()
                .body("fields.NumberOfEmployees", equalTo(12345678));
    }

    @Test
    void aNumberNoDoubleCanHoldOrWithTooManyDigitsIsRefused() {
        Org.as(token)
                .body(account("D-1", "AnnualRevenue", "1e999"))
                .patch(UPSERT)
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("JSON_PARSER_ERROR"));
        Org.as(token)
                .body(account("D-2", "AnnualRevenue", "1e30"))
                .patch(UPSERT)
                .then()
                .statusCode(200)
                .body("[0].errors[0].statusCode", equalTo("NUMBER_OUTSIDE_VALID_RANGE"))
                .body("[0].errors[0].message", containsString("AnnualRevenue"));
        Org.as(token)
                .body(account("D-3", "AnnualRevenue", "\"not a number\""))
                .patch(UPSERT)
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("JSON_PARSER_ERROR"));
    }

    @Test
    void externalIdsMatchWithoutRegardToCaseUnlessTheFieldIsCaseSensitive() {
        Org.as(token)
                .body(account("CASE-1", "Phone", "\"1\""))
                .patch(UPSERT)
                .then()
                .body("[0].created", equalTo(true));
        Org.as(token)
                .body(account("case-1", "Phone", "\"2\""))
                .patch(UPSERT)
                .then()
                .body("[0].created", equalTo(false));

        String contacts = V + "/composite/sobjects/Contact/Legacy_Id__c";
        String body =
                "{\"records\": [{\"attributes\": {\"type\": \"Contact\"}, \"Legacy_Id__c\": \"LEG-1\", \"LastName\": "
                        + "\"Upper\"},"
                        + " {\"attributes\": {\"type\": \"Contact\"}, \"Legacy_Id__c\": \"leg-1\", \"LastName\": "
                        + "\"Lower\"}]}";
        Org.as(token).body(body).patch(contacts).then().statusCode(200).body("created", contains(true, true));
    }
}
