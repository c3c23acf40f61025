package dev.governor.testsupport;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What tests do to the simulated org beyond its admin API's single calls. */
public final class SimulatedOrg {

    private SimulatedOrg() {}

    /**
     * The org's records of one object whose {@code field} starts with {@code prefix}, each as the
     * inspection API shows it ({@code fields}, {@code creates}, {@code updates}, {@code history}).
     *
     * @param simulator the simulator's base URL
     */
    public static List<Map<String, Object>> records(String simulator, String sobject, String field, String prefix) {
        List<Map<String, Object>> all = given().get(simulator + "/simulator/records/" + sobject)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("records");
        return all.stream()
                .filter(record -> field(record, field).startsWith(prefix))
                .toList();
    }

    /** A field's value in a record as {@link #records} returns it ("null" when it has none). */
    public static String field(Map<String, Object> record, String field) {
        return String.valueOf(((Map<?, ?>) record.get("fields")).get(field));
    }

    /**
     * Whether a value the org stores is the one a test wrote: numbers by value (the org may store 100 as
     * 100.0), everything else by its text.
     */
    public static boolean sameValue(Object written, Object stored) {
        if (written instanceof Number w && stored instanceof Number s) {
            return new BigDecimal(w.toString()).compareTo(new BigDecimal(s.toString())) == 0;
        }
        return String.valueOf(written).equals(String.valueOf(stored));
    }

    /** {@link #records} by the value of their External ID field (unique in the org). */
    public static Map<String, Map<String, Object>> recordsByExternalId(
            String simulator, String sobject, String externalIdField, String prefix) {
        return records(simulator, sobject, externalIdField, prefix).stream()
                .collect(Collectors.toMap(record -> field(record, externalIdField), record -> record));
    }

    /**
     * Uses up the org's daily API allocation, as other integrations and people would: cuts it to what is
     * used plus {@code headroom}, then spends the headroom with calls of a client of its own.
     *
     * @param simulator the simulator's base URL
     */
    public static void spendDailyAllocation(String simulator, long headroom) {
        long used = given().get(simulator + "/simulator/stats")
                .then()
                .extract()
                .jsonPath()
                .getLong("limits.dailyApiRequests.used");
        given().contentType("application/json")
                .body("{\"dailyApiRequests\": " + (used + headroom) + "}")
                .put(simulator + "/simulator/limits")
                .then()
                .statusCode(200);
        String token = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", "governor-local-consumer-key")
                .formParam("client_secret", "governor-local-consumer-secret")
                .post(simulator + "/services/oauth2/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        for (long call = 0; call <= headroom * 2; call++) {
            if (given().auth()
                            .oauth2(token)
                            .get(simulator + "/services/data/v63.0/limits")
                            .statusCode()
                    == 403) {
                return;
            }
        }
        throw new IllegalStateException("The org's allocation was not spent");
    }
}
