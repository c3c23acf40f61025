package dev.governor.ingress;

import static io.restassured.RestAssured.given;

import dev.governor.testsupport.CallerTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Requests as the local callers the stack's OIDC issuer knows. */
final class Callers {

    private Callers() {}

    /** A JSON request with the caller's bearer token. */
    static RequestSpecification as(String caller) {
        return given().auth().oauth2(CallerTokens.of(caller)).contentType(ContentType.JSON);
    }

    /** A JSON write with the caller's token and the Idempotency-Key. */
    static RequestSpecification write(String caller, String idempotencyKey) {
        return as(caller).header("Idempotency-Key", idempotencyKey);
    }

    static String newKey() {
        return UUID.randomUUID().toString();
    }

    static String account(String externalId, String name) {
        return "{\"externalIdField\": \"External_Id__c\", \"externalId\": \"" + externalId
                + "\", \"fields\": {\"Name\": \"" + name + "\"}}";
    }
}
