package dev.governor.ingress;

import static dev.governor.ingress.Callers.newKey;
import static dev.governor.ingress.Callers.write;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Who a caller is and what it may write: the token's sub alone names the caller (not the claims a user
 * may change), and each caller writes only the objects and External ID fields granted to it — setup
 * objects never unless named.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc"))
class CallerGrantsTest {

    private static final String FORBIDDEN = "https://governor.dev/problems/forbidden";

    private static String body(String externalIdField, String externalId, String fields) {
        return "{\"externalIdField\": \"" + externalIdField + "\", \"externalId\": \"" + externalId + "\", \"fields\": "
                + fields + "}";
    }

    @Test
    void aCallerIsItsTokensSubNotANameItsTokenAlsoCarries() {
        // crm-sync-renamed's token says sub=crm-sync, preferred_username=erp-feed, upn=erp-feed.
        String key = newKey();
        String location = write("crm-sync-renamed", key)
                .body(body("External_Id__c", "ID-" + key, "{\"Name\": \"x\"}"))
                .post("/v1/records/Account")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");

        Callers.as("crm-sync").get(location).then().statusCode(200).body("caller", equalTo("token:crm-sync"));
        Callers.as("erp-feed").get(location).then().statusCode(404);
        // The same key is crm-sync's, answered to crm-sync, whichever of its tokens asks.
        write("crm-sync", key)
                .body(body("External_Id__c", "ID-" + key, "{\"Name\": \"x\"}"))
                .post("/v1/records/Account")
                .then()
                .statusCode(202)
                .header("Idempotent-Replayed", "true");
        write("erp-feed", key)
                .body(body("External_Id__c", "ID-" + key, "{\"Name\": \"x\"}"))
                .post("/v1/records/Account")
                .then()
                .statusCode(202)
                .header("Idempotent-Replayed", nullValue());
    }

    @Test
    void aWriteOutsideTheCallersGrantIs403() {
        String key = newKey();
        write("erp-feed", key)
                .body(body("External_Id__c", "G-" + key, "{\"LastName\": \"x\"}"))
                .post("/v1/records/Contact")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo(FORBIDDEN))
                .body("detail", containsString("Contact"));
        write("erp-feed", newKey())
                .body(body("AccountNumber", "G-" + key, "{\"Name\": \"x\"}"))
                .post("/v1/records/Account")
                .then()
                .statusCode(403)
                .body("detail", containsString("AccountNumber"));
        assertThat(RecordsApiTest.onTopic(key)).isEmpty();
    }

    @Test
    void setupObjectsAreNeverWrittenUnlessGrantedByName() {
        for (String setup : new String[] {"User", "PermissionSetAssignment", "AccountShare"}) {
            write("crm-sync", newKey())
                    .body(body("External_Id__c", "S-1", "{\"Name\": \"x\"}"))
                    .post("/v1/records/" + setup)
                    .then()
                    .statusCode(403)
                    .body("type", equalTo(FORBIDDEN))
                    .body("detail", containsString("setup object"));
        }
    }

    @Test
    void anUnsignedTokenIsRefusedEvenWithEveryClaimRight() {
        String issuer = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        long now = System.currentTimeMillis() / 1000;
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(
                ("{\"iss\":\"" + issuer + "\",\"aud\":[\"governor\"],\"sub\":\"crm-sync\",\"iat\":" + now + ",\"nbf\":"
                                + now + ",\"exp\":" + (now + 600) + ",\"scope\":\"records:write records:read\"}")
                        .getBytes(StandardCharsets.UTF_8));

        given().auth()
                .oauth2(header + "." + claims + ".")
                .contentType("application/json")
                .header("Idempotency-Key", newKey())
                .body(body("External_Id__c", "U-1", "{\"Name\": \"x\"}"))
                .post("/v1/records/Account")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aCallerGrantedNothingWritesNothing() {
        write("operator", newKey())
                .body(body("External_Id__c", "N-1", "{\"Name\": \"x\"}"))
                .post("/v1/records/Account")
                .then()
                .statusCode(403)
                .body("detail", containsString("no objects are granted"));
    }
}
