package dev.governor.testsupport;

import static io.restassured.RestAssured.given;

/** What tests do to the simulated org beyond its admin API's single calls. */
public final class SimulatedOrg {

    private SimulatedOrg() {
    }

    /**
     * Uses up the org's daily API allocation, as other integrations and people would: cuts it to what is
     * used plus {@code headroom}, then spends the headroom with calls of a client of its own.
     *
     * @param simulator the simulator's base URL
     */
    public static void spendDailyAllocation(String simulator, long headroom) {
        long used = given().get(simulator + "/simulator/stats").then().extract().jsonPath().getLong("limits.dailyApiRequests.used");
        given().contentType("application/json").body("{\"dailyApiRequests\": " + (used + headroom) + "}").put(simulator + "/simulator/limits")
                .then().statusCode(200);
        String token = given().formParam("grant_type", "client_credentials").formParam("client_id", "governor-local-consumer-key")
                .formParam("client_secret", "governor-local-consumer-secret").post(simulator + "/services/oauth2/token")
                .then().statusCode(200).extract().path("access_token");
        for (long call = 0; call <= headroom * 2; call++) {
            if (given().auth().oauth2(token).get(simulator + "/services/data/v63.0/limits").statusCode() == 403) {
                return;
            }
        }
        throw new IllegalStateException("The org's allocation was not spent");
    }
}
