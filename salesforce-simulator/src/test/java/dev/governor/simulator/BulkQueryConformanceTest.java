package dev.governor.simulator;

import static dev.governor.simulator.Org.V;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.governor.testsupport.NeedsStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Bulk API 2.0 query jobs end to end, as a snapshot exporter drives them: create, poll to JobComplete,
 * page the CSV results with locators and maxRecords, queryAll for deletions, incremental exports on
 * SystemModstamp, abort and delete, the version rule, the refusals, and every call counted.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(ConnectedAppKeys.class)
class BulkQueryConformanceTest extends OrgConformanceTest {

    static final String JOBS = V + "/jobs/query";

    @Test
    void aJobRunsToCompletionAndItsResultsPageWithLocators() {
        seedAccounts(25);
        int callsBefore = Org.stats().path("apiCalls");
        String id = create("query", "SELECT Id, Name, External_Id__c FROM Account ORDER BY External_Id__c");
        awaitComplete(id);
        Org.as(token)
                .get(JOBS + "/" + id)
                .then()
                .statusCode(200)
                .body("numberRecordsProcessed", equalTo(25))
                .body("jobType", equalTo("V2Query"))
                .body("object", equalTo("Account"));

        List<String> lines = new ArrayList<>();
        String locator = null;
        int pages = 0;
        do {
            var request = Org.as(token).queryParam("maxRecords", 10);
            if (locator != null) {
                request.queryParam("locator", locator);
            }
            Response page = request.get(JOBS + "/" + id + "/results");
            page.then().statusCode(200).contentType(startsWith("text/csv"));
            List<String> pageLines = List.of(page.asString().split("\n"));
            assertThat(pageLines.get(0)).isEqualTo("\"Id\",\"Name\",\"External_Id__c\"");
            assertThat(Integer.parseInt(page.header("Sforce-NumberOfRecords"))).isEqualTo(pageLines.size() - 1);
            lines.addAll(pageLines.subList(1, pageLines.size()));
            locator = page.header("Sforce-Locator");
            pages++;
        } while (!"null".equals(locator));
        assertThat(pages).isEqualTo(3);
        assertThat(lines).hasSize(25);
        assertThat(lines.get(0)).matches("\"001\\w{15}\",\"Account 0\",\"B-00\"");

        // a locator can be read again while the job exists
        String second = Org.as(token)
                .queryParam("maxRecords", 10)
                .get(JOBS + "/" + id + "/results")
                .header("Sforce-Locator");
        Org.as(token)
                .queryParam("locator", second)
                .queryParam("maxRecords", 10)
                .get(JOBS + "/" + id + "/results")
                .then()
                .statusCode(200)
                .header("Sforce-NumberOfRecords", "10");
        Org.as(token)
                .queryParam("locator", second)
                .queryParam("maxRecords", 10)
                .get(JOBS + "/" + id + "/results")
                .then()
                .statusCode(200)
                .header("Sforce-NumberOfRecords", "10");

        int calls = Org.stats().path("apiCalls");
        assertThat(calls - callsBefore).isGreaterThanOrEqualTo(1 + 1 + pages + 3); // create, status, pages, re-reads
        Org.stats().then().body("callsByEndpoint.bulk", equalTo(calls - callsBefore));
    }

    @Test
    void queryAllFindsDeletedRecordsAndSystemModstampMakesExportsIncremental() {
        seedAccounts(3);
        String deleted = Org.as(token)
                .queryParam("q", "SELECT Id FROM Account WHERE External_Id__c = 'B-01'")
                .get(V + "/query")
                .path("records[0].Id");
        Org.advanceClock(60);
        Org.as(token).delete(V + "/sobjects/Account/" + deleted).then().statusCode(204);

        String all = create("queryAll", "SELECT Id, IsDeleted, SystemModstamp FROM Account ORDER BY Id");
        awaitComplete(all);
        String csv = Org.as(token).get(JOBS + "/" + all + "/results").asString();
        assertThat(csv).contains("\"" + deleted + "\",\"true\"");
        assertThat(csv.split("\n")).hasSize(4);

        String live = create("query", "SELECT Id FROM Account");
        awaitComplete(live);
        assertThat(Org.as(token).get(JOBS + "/" + live + "/results").asString()).doesNotContain(deleted);

        String since = java.time.Instant.now().plusSeconds(30).toString().replaceFirst("\\.\\d+Z$", "Z");
        String changed = create("queryAll", "SELECT Id, IsDeleted FROM Account WHERE SystemModstamp > " + since);
        awaitComplete(changed);
        assertThat(Org.as(token)
                        .get(JOBS + "/" + changed + "/results")
                        .asString()
                        .split("\n"))
                .containsExactly("\"Id\",\"IsDeleted\"", "\"" + deleted + "\",\"true\"");
    }

    @Test
    void delimitersAndLineEndingsAreTheJobsAndQuotesAreDoubled() {
        Org.as(token)
                .body("{\"Name\": \"Say \\\"hi\\\"; or not\"}")
                .post(V + "/sobjects/Account/")
                .then()
                .statusCode(201);
        String id = Org.as(token)
                .body("{\"operation\": \"query\", \"query\": \"SELECT Name, Phone FROM Account\","
                        + " \"columnDelimiter\": \"SEMICOLON\", \"lineEnding\": \"CRLF\"}")
                .post(JOBS)
                .then()
                .statusCode(200)
                .body("columnDelimiter", equalTo("SEMICOLON"))
                .extract()
                .path("id");
        awaitComplete(id);
        assertThat(Org.as(token).get(JOBS + "/" + id + "/results").asString())
                .isEqualTo("\"Name\";\"Phone\"\r\n\"Say \"\"hi\"\"; or not\";\"\"\r\n");
    }

    @Test
    void jobsAreListedAbortedAndDeleted() {
        String id = create("query", "SELECT Id FROM Account");
        Org.as(token)
                .get(JOBS)
                .then()
                .statusCode(200)
                .body("done", equalTo(true))
                .body("records.id", org.hamcrest.Matchers.hasItem(id));
        awaitComplete(id);
        Org.as(token)
                .body("{\"state\": \"Aborted\"}")
                .patch(JOBS + "/" + id)
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("INVALIDJOBSTATE"));
        Org.as(token).delete(JOBS + "/" + id).then().statusCode(204);
        Org.as(token).get(JOBS + "/" + id).then().statusCode(404).body("[0].errorCode", equalTo("NOT_FOUND"));

        String running = create("query", "SELECT Id FROM Account");
        Org.as(token)
                .body("{\"state\": \"Aborted\"}")
                .patch(JOBS + "/" + running)
                .then()
                .statusCode(200)
                .body("state", equalTo("Aborted"));
        Org.as(token).get(JOBS + "/" + running + "/results").then().statusCode(400);
        Org.as(token).delete(JOBS + "/" + running).then().statusCode(204);
    }

    @Test
    void resultsAreReadWithTheJobsApiVersion() {
        String id = create("query", "SELECT Id FROM Account");
        awaitComplete(id);
        Org.as(token)
                .get("/services/data/v62.0/jobs/query/" + id + "/results")
                .then()
                .statusCode(409);
        Org.as(token).get("/services/data/v46.0/jobs/query").then().statusCode(404);
    }

    @Test
    void whatBulkCannotRunIsRefusedWhenTheJobIsCreated() {
        for (String query : List.of(
                "SELECT Name, COUNT(Id) FROM Account GROUP BY Name",
                "SELECT Id FROM Account LIMIT 10 OFFSET 5",
                "SELECT TYPEOF What WHEN Account THEN Name END FROM Event",
                "SELECT Id, (SELECT Id FROM Contacts) FROM Account",
                "SELECT FIELDS(ALL) FROM Account LIMIT 200",
                "SELECT BillingAddress FROM Account")) {
            Org.as(token)
                    .body("{\"operation\": \"query\", \"query\": \"" + query + "\"}")
                    .post(JOBS)
                    .then()
                    .statusCode(400)
                    .body("[0].errorCode", equalTo("API_ERROR"))
                    .body("[0].message", startsWith("FeatureNotEnabled"));
        }
        Org.as(token)
                .body("{\"operation\": \"query\", \"query\": \"SELECT Nope__c FROM Account\"}")
                .post(JOBS)
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("INVALID_FIELD"));
        Org.as(token)
                .body("{\"operation\": \"query\", \"query\": \"SELECT Id FROM\"}")
                .post(JOBS)
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("MALFORMED_QUERY"));
        Org.as(token)
                .body("{\"operation\": \"upsert\", \"query\": \"SELECT Id FROM Account\"}")
                .post(JOBS)
                .then()
                .statusCode(400)
                .body("[0].errorCode", equalTo("INVALIDJOB"));
        // a literal may say anything
        Org.as(token)
                .body("{\"operation\": \"query\", \"query\": \"SELECT Id FROM Account WHERE Name = 'GROUP BY x'\"}")
                .post(JOBS)
                .then()
                .statusCode(200);
    }

    private String create(String operation, String query) {
        return Org.as(token)
                .body("{\"operation\": \"" + operation + "\", \"query\": \"" + query + "\"}")
                .post(JOBS)
                .then()
                .statusCode(200)
                .body("state", equalTo("UploadComplete"))
                .body("apiVersion", equalTo(63.0f))
                .body("contentType", equalTo("CSV"))
                .extract()
                .path("id");
    }

    private void awaitComplete(String id) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        "JobComplete".equals(Org.as(token).get(JOBS + "/" + id).path("state")));
    }

    private void seedAccounts(int count) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pairs.add(String.format("B-%02d=Account %d", i, i));
        }
        Org.as(token)
                .body(Org.accounts(false, pairs.toArray(String[]::new)))
                .patch(UPSERT)
                .then()
                .statusCode(200);
    }
}
