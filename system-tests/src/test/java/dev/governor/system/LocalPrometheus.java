package dev.governor.system;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A real Prometheus of a local stack ({@code deploy/local/stack up prometheus}), through its HTTP API. */
final class LocalPrometheus {

    private final String base;

    LocalPrometheus(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Every metric name Prometheus holds a series of. */
    Set<String> metricNames() {
        return new TreeSet<>(api("/api/v1/label/__name__/values").getList("data", String.class));
    }

    /** How many series an instant query answers. */
    int seriesOf(String query) {
        return given().baseUri(base)
                .queryParam("query", query)
                .get("/api/v1/query")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("data.result")
                .size();
    }

    /** The labels of each firing alert of that name. */
    List<Map<String, String>> firing(String alert) {
        List<Map<String, Object>> alerts = api("/api/v1/alerts").getList("data.alerts");
        return alerts.stream()
                .filter(a -> "firing".equals(a.get("state")))
                .map(a -> {
                    @SuppressWarnings("unchecked")
                    Map<String, String> labels = (Map<String, String>) a.get("labels");
                    return labels;
                })
                .filter(labels -> alert.equals(labels.get("alertname")))
                .toList();
    }

    private JsonPath api(String path) {
        return given().baseUri(base).get(path).then().statusCode(200).extract().jsonPath();
    }
}
