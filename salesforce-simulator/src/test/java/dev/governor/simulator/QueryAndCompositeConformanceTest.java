package dev.governor.simulator;

import static dev.governor.simulator.Org.V;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import dev.governor.testsupport.NeedsStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SOQL queries with paging, and Composite requests counted as one API call. */
@NeedsStack
@QuarkusTest
@WithTestResource(ConnectedAppKeys.class)
class QueryAndCompositeConformanceTest extends OrgConformanceTest {

    private static final DateTimeFormatter SALESFORCE_DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");

    @BeforeEach
    void fiveAccounts() {
        List<String> accounts = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            accounts.add("Q-" + i + "=Account " + i);
        }
        Org.as(token)
                .body(Org.accounts(false, accounts.toArray(String[]::new)))
                .patch(V + "/composite/sobjects/Account/External_Id__c")
                .then()
                .statusCode(200);
    }

    @Test
    void querySelectsFiltersOrdersAndLimits() {
        Org.as(token)
                .queryParam(
                        "q",
                        "SELECT Id, Name FROM Account WHERE External_Id__c IN ('Q-2', 'q-4', 'Q-9') ORDER BY Name DESC")
                .get(V + "/query")
                .then()
                .statusCode(200)
                .body("totalSize", equalTo(2))
                .body("done", equalTo(true))
                .body("records.Name", contains("Account 4", "Account 2"))
                .body("records[0].attributes.type", equalTo("Account"))
                .body("records[0].Id", matchesPattern("001\\w{15}"))
                .body("nextRecordsUrl", nullValue());
        Org.as(token)
                .queryParam(
                        "q", "select Name from Account where Name = 'Account 3' and External_Id__c != 'Q-1' limit 1")
                .get(V + "/query")
                .then()
                .statusCode(200)
                .body("records.Name", contains("Account 3"));
    }

    @Test
    void largeResultsPageThroughNextRecordsUrlOneCallEach() {
        List<String> more = new ArrayList<>();
        for (int i = 0; i < 195; i++) {
            more.add("P-" + i + "=Paged " + i);
        }
        Org.as(token)
                .body(Org.accounts(false, more.toArray(String[]::new)))
                .patch(V + "/composite/sobjects/Account/External_Id__c")
                .then()
                .statusCode(200);
        int before = Org.stats().path("apiCalls");

        String next = Org.as(token)
                .header("Sforce-Query-Options", "batchSize=200")
                .queryParam("q", "SELECT Id FROM Account")
                .get(V + "/query")
                .then()
                .statusCode(200)
                .body("totalSize", equalTo(200))
                .body("done", equalTo(true))
                .body("records", hasSize(200))
                .extract()
                .path("nextRecordsUrl");
        org.assertj.core.api.Assertions.assertThat(next).isNull();

        Org.as(token).body(Org.accounts(false, "Z-1=z")).patch(V + "/composite/sobjects/Account/External_Id__c");
        next = Org.as(token)
                .header("Sforce-Query-Options", "batchSize=200")
                .queryParam("q", "SELECT Id FROM Account")
                .get(V + "/query")
                .then()
                .statusCode(200)
                .body("totalSize", equalTo(201))
                .body("done", equalTo(false))
                .body("records", hasSize(200))
                .extract()
                .path("nextRecordsUrl");
        Org.as(token)
                .get(next)
                .then()
                .statusCode(200)
                .body("done", equalTo(true))
                .body("records", hasSize(1));
        Org.stats().then().body("apiCalls", equalTo(before + 4)); // three query pages and one upsert
    }

    @Test
    void queryRefusesUnknownObjectsFieldsAndMalformedSoql() {
        Org.as(token)
                .queryParam("q", "SELECT Id FROM Acount")
                .get(V + "/query")
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("INVALID_TYPE"));
        Org.as(token)
                .queryParam("q", "SELECT Nmae FROM Account")
                .get(V + "/query")
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("INVALID_FIELD"));
        Org.as(token)
                .queryParam("q", "SELECT FROM WHERE")
                .get(V + "/query")
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("MALFORMED_QUERY"));
    }

    @Test
    void queryAllSeesDeletedRecords() {
        String id = given().get("/simulator/records/Account/External_Id__c/Q-1").path("id");
        Org.as(token).delete(V + "/sobjects/Account/" + id).then().statusCode(204);
        Org.as(token)
                .queryParam("q", "SELECT Id FROM Account")
                .get(V + "/query")
                .then()
                .body("totalSize", equalTo(4));
        Org.as(token)
                .queryParam("q", "SELECT Id FROM Account")
                .get(V + "/queryAll")
                .then()
                .body("totalSize", equalTo(5));
    }

    @Test
    void everyRecordHasItsSystemFieldsAndAnIncrementalQueryFindsWhatChangedSince() {
        String created = Org.as(token)
                .queryParam(
                        "q",
                        "SELECT Id, CreatedDate, LastModifiedDate, SystemModstamp, IsDeleted FROM Account"
                                + " WHERE External_Id__c = 'Q-1'")
                .get(V + "/query")
                .then()
                .statusCode(200)
                .body(
                        "records[0].CreatedDate",
                        matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000"))
                .body("records[0].IsDeleted", equalTo(false))
                .extract()
                .path("records[0].SystemModstamp");
        Instant since =
                OffsetDateTime.parse(created, SALESFORCE_DATE_TIME).toInstant().plusSeconds(30);
        Org.advanceClock(60);
        Org.as(token)
                .body(Org.accounts(false, "Q-2=Account 2, renamed"))
                .patch(V + "/composite/sobjects/Account/External_Id__c")
                .then()
                .statusCode(200);
        String id = given().get("/simulator/records/Account/External_Id__c/Q-3").path("id");
        Org.as(token).delete(V + "/sobjects/Account/" + id).then().statusCode(204);

        String changedSince = "SELECT External_Id__c, IsDeleted FROM Account WHERE SystemModstamp > " + since
                + " ORDER BY External_Id__c";
        Org.as(token)
                .queryParam("q", changedSince)
                .get(V + "/query")
                .then()
                .statusCode(200)
                .body("records.External_Id__c", contains("Q-2"));
        Org.as(token)
                .queryParam("q", changedSince)
                .get(V + "/queryAll")
                .then()
                .statusCode(200)
                .body("records.External_Id__c", contains("Q-2", "Q-3"))
                .body("records.IsDeleted", contains(false, true));
        Org.as(token)
                .queryParam(
                        "q", "SELECT External_Id__c FROM Account WHERE Name LIKE '%renamed' AND CreatedDate < " + since)
                .get(V + "/query")
                .then()
                .statusCode(200)
                .body("records.External_Id__c", contains("Q-2"));
    }

    @Test
    void compositeRunsSubrequestsInOrderWithReferencesAsOneApiCall() {
        int before = Org.stats().path("apiCalls");
        Org.as(token)
                .body("""
                {"allOrNone": false, "compositeRequest": [
                  {"method": "POST", "url": "/services/data/v63.0/sobjects/Account", "referenceId": "acct",
                   "body": {"Name": "Parent"}},
                  {"method": "PATCH", "url": "/services/data/v63.0/sobjects/Contact/External_Id__c/C-1",
                   "referenceId": "contact", "body": {"LastName": "Child", "AccountId": "@{acct.id}"}},
                  {"method": "GET", "url": "/services/data/v63.0/query?q=SELECT+Id,AccountId+FROM+Contact",
                   "referenceId": "check"}
                ]}""")
                .post(V + "/composite")
                .then()
                .statusCode(200)
                .body("compositeResponse.httpStatusCode", contains(201, 201, 200))
                .body("compositeResponse.referenceId", contains("acct", "contact", "check"))
                .body(
                        "compositeResponse[2].body.records[0].AccountId",
                        equalTo(Org.as(token)
                                .queryParam("q", "SELECT Id FROM Account WHERE Name = 'Parent'")
                                .get(V + "/query")
                                .path("records[0].Id")));
        Org.stats().then().body("apiCalls", equalTo(before + 2)).body("callsByEndpoint.composite", equalTo(1));
    }

    @Test
    void compositeAllOrNoneRollsBackEveryWriteWhenOneFails() {
        Org.as(token)
                .body("""
                {"allOrNone": true, "compositeRequest": [
                  {"method": "PATCH", "url": "/services/data/v63.0/sobjects/Account/External_Id__c/Q-1",
                   "referenceId": "a", "body": {"Name": "Renamed"}},
                  {"method": "POST", "url": "/services/data/v63.0/sobjects/Account", "referenceId": "b",
                   "body": {"Rating": "Hot"}},
                  {"method": "POST", "url": "/services/data/v63.0/sobjects/Account", "referenceId": "c",
                   "body": {"Name": "Never"}}
                ]}""")
                .post(V + "/composite")
                .then()
                .statusCode(200)
                .body("compositeResponse.httpStatusCode", contains(400, 400, 400))
                .body("compositeResponse[0].body[0].errorCode", equalTo("PROCESSING_HALTED"))
                .body("compositeResponse[1].body[0].errorCode", equalTo("REQUIRED_FIELD_MISSING"))
                .body("compositeResponse[2].body[0].errorCode", equalTo("PROCESSING_HALTED"));
        given().get("/simulator/records/Account/External_Id__c/Q-1")
                .then()
                .body("fields.Name", equalTo("Account 1"))
                .body("updates", equalTo(0));
        given().get("/simulator/records/Account").then().body("totalSize", equalTo(5));
    }

    @Test
    void compositeRefusesMoreThan25Subrequests() {
        StringBuilder body = new StringBuilder("{\"compositeRequest\": [");
        for (int i = 0; i < 26; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"method\":\"GET\",\"url\":\"/services/data/v63.0/sobjects/Account/describe\",")
                    .append("\"referenceId\":\"r")
                    .append(i)
                    .append("\"}");
        }
        Org.as(token)
                .body(body.append("]}").toString())
                .post(V + "/composite")
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("LIMIT_EXCEEDED"));
    }
}
