package dev.governor.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every Governor service promises operators, checked against the real links of the shared
 * stack: ready with every link's check UP, alive, Prometheus metrics, and an OpenAPI document, all on
 * the management interface and none of it on the API port.
 * A service's test extends it and runs as a {@code @QuarkusTest} with {@link LocalStackResource}.
 */
public abstract class ServiceReadinessContract {

    /** The root ({@code …/q/}) of the service's management interface, where health, metrics and OpenAPI are served. */
    @TestHTTPResource(value = "/", management = true)
    protected URL management;

    /** Name fragments of the readiness checks that must be UP, one per link (e.g. "kafka", "redis"). */
    protected abstract List<String> linkChecks();

    /** The title the service's OpenAPI document carries. */
    protected abstract String openApiTitle();

    @Test
    void readyAndAliveWhenEveryLinkIsUp() {
        JsonPath health = Readiness.awaitStatus(management, 200, Duration.ofSeconds(30));

        for (String check : linkChecks()) {
            assertThat(Readiness.checkStatus(health, check))
                    .as("readiness check %s", check)
                    .isEqualTo("UP");
        }
        given().get(management + "health/live").then().statusCode(200);
    }

    @Test
    void exposesPrometheusMetricsAndOpenApi() {
        given().get(management + "metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().accept("application/json")
                .get(management + "openapi")
                .then()
                .statusCode(200)
                .body(containsString(openApiTitle()));
    }

    @Test
    void theApiPortServesNoneOfTheManagementEndpoints() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi")) {
            assertThat(given().get(path).statusCode())
                    .as("%s on the API port", path)
                    .isEqualTo(404);
        }
    }
}
