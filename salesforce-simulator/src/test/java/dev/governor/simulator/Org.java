package dev.governor.simulator;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A test's handle on the simulated org: a fresh org, a session, and calls made with it. */
public final class Org {

    public static final String V = "/services/data/v63.0";

    private Org() {}

    /** Back to a fresh org (no records, usage, sessions, faults; the real clock). */
    public static void reset() {
        given().post("/simulator/reset").then().statusCode(200);
    }

    /** A new session through the client-credentials grant. */
    public static String token() {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", ConnectedAppKeys.CONSUMER_KEY)
                .formParam("client_secret", ConnectedAppKeys.CONSUMER_SECRET)
                .post("/services/oauth2/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** A request with a bearer token and JSON content. */
    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    public static Response stats() {
        return given().get("/simulator/stats");
    }

    public static void faults(String planJson) {
        given().contentType(ContentType.JSON)
                .body(planJson)
                .put("/simulator/faults")
                .then()
                .statusCode(200);
    }

    public static void limits(String limitsJson) {
        given().contentType(ContentType.JSON)
                .body(limitsJson)
                .put("/simulator/limits")
                .then()
                .statusCode(200);
    }

    public static void advanceClock(long seconds) {
        given().contentType(ContentType.JSON)
                .body("{\"seconds\":" + seconds + "}")
                .post("/simulator/clock/advance")
                .then()
                .statusCode(200);
    }

    /** A collections upsert body of Accounts: each argument is {@code externalId=Name}. */
    public static String accounts(boolean allOrNone, String... externalIdEqualsName) {
        StringBuilder body =
                new StringBuilder("{\"allOrNone\":").append(allOrNone).append(",\"records\":[");
        for (int i = 0; i < externalIdEqualsName.length; i++) {
            String[] pair = externalIdEqualsName[i].split("=", 2);
            body.append(i == 0 ? "" : ",")
                    .append("{\"attributes\":{\"type\":\"Account\"},\"External_Id__c\":\"")
                    .append(pair[0])
                    .append('"');
            if (pair.length == 2) {
                body.append(",\"Name\":\"").append(pair[1]).append('"');
            }
            body.append('}');
        }
        return body.append("]}").toString();
    }
}
