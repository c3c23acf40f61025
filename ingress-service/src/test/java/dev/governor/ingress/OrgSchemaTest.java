package dev.governor.ingress;

import static dev.governor.ingress.Callers.newKey;
import static dev.governor.ingress.Callers.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The ingress holds writes against the org's own description of the object (the simulator's describe,
 * fetched through the limit guard and cached): what Salesforce would refuse is refused at the door with
 * pointers, and what it would take is buffered in the org's spelling, one identity per record however
 * the caller spelled names and ids.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc,simulator"))
class OrgSchemaTest {

    private static String body(String externalIdField, String externalId, String fields) {
        return "{\"externalIdField\": \"" + externalIdField + "\", \"externalId\": \"" + externalId + "\", \"fields\": "
                + fields + "}";
    }

    @Test
    void fieldsTheOrgLacksAndValuesOfTheWrongTypeAreRefusedAtTheDoor() {
        String key = newKey();
        write("crm-sync", key)
                .body(body(
                        "External_Id__c",
                        "S-" + key,
                        "{\"Name\": \"x\", \"Colour__c\": \"red\", \"AnnualRevenue\": \"not a number\", \"Phone\": \""
                                + "5".repeat(41) + "\"}"))
                .post("/v1/records/Account")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://governor.dev/problems/invalid-request"))
                .body("errors.pointer", hasItems("/fields/Colour__c", "/fields/AnnualRevenue", "/fields/Phone"));
        assertThat(RecordsApiTest.onTopic(key)).isEmpty();
    }

    @Test
    void anObjectTheOrgDoesNotHaveIsRefused() {
        write("crm-sync", newKey())
                .body(body("External_Id__c", "S-1", "{\"Name\": \"x\"}"))
                .post("/v1/records/Invoice__c")
                .then()
                .statusCode(400)
                .body("errors[0].pointer", equalTo("/sobject"));
    }

    @Test
    void numbersNoFieldCanHoldAreA400NotA500() {
        for (String number : List.of("1e999", "-1e999", "0.1e400", "12345678901234567890123")) {
            String key = newKey();
            write("crm-sync", key)
                    .body(body("External_Id__c", "N-" + key, "{\"Name\": \"x\", \"AnnualRevenue\": " + number + "}"))
                    .post("/v1/records/Account")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
            write("crm-sync", newKey())
                    .body("{\"records\": ["
                            + body("External_Id__c", "N-" + key, "{\"NumberOfEmployees\": " + number + "}") + "]}")
                    .post("/v1/records/Account/batch")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void namesAndIdsInAnyLetterCaseBecomeOneRecordInTheOrgsSpelling() {
        String id = "CASE-REC-" + newKey().substring(0, 8).toUpperCase();
        String first = newKey();
        String second = newKey();
        write("crm-sync", first)
                .body(body("External_Id__c", id, "{\"Name\": \"v1\", \"phone\": \"1\"}"))
                .post("/v1/records/Account")
                .then()
                .statusCode(202);
        write("erp-feed", second)
                .body(body("external_id__C", id.toLowerCase(), "{\"INDUSTRY\": \"Energy\"}"))
                .post("/v1/records/ACCOUNT")
                .then()
                .statusCode(202)
                .body("sobject", equalTo("Account"))
                .body("externalIdField", equalTo("External_Id__c"));

        ConsumerRecord<String, String> v1 = RecordsApiTest.onTopic(first).get(0);
        ConsumerRecord<String, String> v2 = RecordsApiTest.onTopic(second).get(0);
        assertThat(v2.key()).isEqualTo(v1.key());
        assertThat(v2.partition()).isEqualTo(v1.partition());
        assertThat(JsonPath.from(v1.value()).getMap("fields")).containsOnlyKeys("Name", "Phone");
        JsonPath written = JsonPath.from(v2.value());
        assertThat(written.getString("sobject")).isEqualTo("Account");
        assertThat(written.getString("externalIdField")).isEqualTo("External_Id__c");
        assertThat(written.getMap("fields")).containsOnlyKeys("Industry");
    }

    @Test
    void aCaseSensitiveExternalIdKeepsRecordsThatDifferOnlyInCaseApart() {
        String id = "LEG-" + newKey().substring(0, 8);
        String upper = newKey();
        String lower = newKey();
        write("crm-sync", upper)
                .body(body("Legacy_Id__c", id.toUpperCase(), "{\"LastName\": \"Upper\"}"))
                .post("/v1/records/Contact")
                .then()
                .statusCode(202);
        write("crm-sync", lower)
                .body(body("Legacy_Id__c", id.toLowerCase(), "{\"LastName\": \"Lower\"}"))
                .post("/v1/records/Contact")
                .then()
                .statusCode(202);

        assertThat(RecordsApiTest.onTopic(upper).get(0).key())
                .isNotEqualTo(RecordsApiTest.onTopic(lower).get(0).key());
    }

    @Test
    void aRepeatedIdempotencyKeyHeaderOrAnEncodedBodyIsRefusedAtTheEdge() {
        write("crm-sync", newKey())
                .header("Idempotency-Key", newKey())
                .body(body("External_Id__c", "E-1", "{\"Name\": \"x\"}"))
                .post("/v1/records/Account")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        write("crm-sync", newKey())
                .header("Content-Encoding", "gzip")
                .body(body("External_Id__c", "E-1", "{\"Name\": \"x\"}"))
                .post("/v1/records/Account")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }
}
