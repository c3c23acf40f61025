package dev.governor.testsupport;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;

/** Reads a running service's SmallRye Health readiness endpoint. */
public final class Readiness {

    private Readiness() {}

    /**
     * Waits until the service's {@code /q/health/ready} answers the given HTTP status (200 ready, 503 not
     * ready).
     *
     * @param management the root of the service's management interface ({@code …/q/})
     */
    public static JsonPath awaitStatus(URL management, int httpStatus, Duration timeout) {
        String ready = management + "health/ready";
        await().atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> given().get(ready).statusCode() == httpStatus);
        return given().get(ready).then().statusCode(httpStatus).extract().jsonPath();
    }

    /**
     * Waits until the named readiness check reports {@code status} ("UP"/"DOWN"): a service can turn not
     * ready on another check first (S3 unreachable shows at once, a failed upload only once one is tried).
     */
    public static JsonPath awaitCheck(URL management, String checkNameFragment, String status, Duration timeout) {
        String ready = management + "health/ready";
        await().atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> status.equals(checkStatus(given().get(ready).jsonPath(), checkNameFragment)));
        return given().get(ready).jsonPath();
    }

    /** The status ("UP"/"DOWN") of the named readiness check in a health response. */
    public static String checkStatus(JsonPath health, String checkNameFragment) {
        return health.getList("checks", java.util.Map.class).stream()
                .filter(check ->
                        String.valueOf(check.get("name")).toLowerCase().contains(checkNameFragment.toLowerCase()))
                .map(check -> String.valueOf(check.get("status")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "No readiness check named like '" + checkNameFragment + "' in " + health.prettify()));
    }
}
