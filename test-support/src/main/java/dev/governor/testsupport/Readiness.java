package dev.governor.testsupport;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;

/** Reads a running service's SmallRye Health readiness endpoint. */
public final class Readiness {

    private Readiness() {
    }

    /** Waits until {@code /q/health/ready} answers the given HTTP status (200 ready, 503 not ready). */
    public static JsonPath awaitStatus(int httpStatus, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> given().get("/q/health/ready").statusCode() == httpStatus);
        return given().get("/q/health/ready").then().statusCode(httpStatus).extract().jsonPath();
    }

    /** The status ("UP"/"DOWN") of the named readiness check in a health response. */
    public static String checkStatus(JsonPath health, String checkNameFragment) {
        return health.getList("checks", java.util.Map.class).stream()
                .filter(check -> String.valueOf(check.get("name")).toLowerCase().contains(checkNameFragment.toLowerCase()))
                .map(check -> String.valueOf(check.get("status")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No readiness check named like '" + checkNameFragment
                        + "' in " + health.prettify()));
    }
}
