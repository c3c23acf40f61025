package dev.governor.archive.snapshot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.governor.testsupport.CallerTokens;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.InjectPrivateStack;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStack;
import dev.governor.testsupport.PrivateStackResource;
import dev.governor.testsupport.SimulatorTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Org snapshots against the simulator's Bulk API 2.0, on a stack of their own (an org nobody else writes
 * to): a full snapshot holds every live record field by field, in gzip CSV parts whose checksums the
 * manifest carries; an incremental one after updates and deletes holds exactly those (deleted ones marked);
 * a snapshot that reaches its share of the org's day pauses and resumes once calls are free again.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = PrivateStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,s3,oidc,simulator"))
class SnapshotTest {

    static final String V = "/services/data/v63.0";

    @InjectPrivateStack
    PrivateStack stack;

    @Inject
    SnapshotStore store;

    @Test
    void aFullSnapshotHoldsTheOrgAndAnIncrementalOneExactlyItsChanges() {
        List<String> ids = seed("FULL", 40);

        JsonPath full = snapshot("full");
        assertThat(full.getString("kind")).isEqualTo("FULL");
        assertThat(full.getLong("objects.Account.records")).isEqualTo(count());
        Map<String, Map<String, String>> exported = rows(full);
        for (Map<String, Object> record : orgRecords()) {
            Map<String, String> row = exported.get((String) record.get("id"));
            assertThat(row).as("record %s in the snapshot", record.get("id")).isNotNull();
            Map<?, ?> fields = (Map<?, ?>) record.get("fields");
            for (String field : List.of("Name", "External_Id__c", "Industry", "Phone")) {
                assertThat(row.get(field))
                        .isEqualTo(fields.get(field) == null ? "" : String.valueOf(fields.get(field)));
            }
        }
        for (Map<String, Object> part : full.<Map<String, Object>>getList("objects.Account.parts")) {
            assertThat(part.get("sha256")).isEqualTo(store.sha256OfPart((String) part.get("key")));
        }

        advanceClock(60);
        Set<String> updated = new TreeSet<>(ids.subList(0, 5));
        Set<String> deleted = new TreeSet<>(ids.subList(5, 8));
        updated.forEach(id -> org().body("{\"Industry\": \"Banking\"}")
                .patch(V + "/sobjects/Account/" + id)
                .then()
                .statusCode(204));
        deleted.forEach(id -> org().delete(V + "/sobjects/Account/" + id).then().statusCode(204));

        JsonPath incremental = snapshot("incremental");
        assertThat(incremental.getString("kind")).isEqualTo("INCREMENTAL");
        assertThat(incremental.getString("base")).isEqualTo(full.getString("id"));
        Map<String, Map<String, String>> changes = rows(incremental);
        Set<String> changed = new TreeSet<>(updated);
        changed.addAll(deleted);
        assertThat(changes.keySet()).isEqualTo(changed);
        updated.forEach(id -> {
            assertThat(changes.get(id).get("Industry")).isEqualTo("Banking");
            assertThat(changes.get(id).get("IsDeleted")).isEqualTo("false");
        });
        deleted.forEach(id -> assertThat(changes.get(id).get("IsDeleted")).isEqualTo("true"));
        assertThat(incremental.getLong("objects.Account.deleted")).isEqualTo(3);
    }

    @Test
    void aSnapshotPastItsShareOfTheOrgsDayPausesAndResumes() {
        seed("BUDGET", 5);
        long used = simulator().get("/simulator/stats").jsonPath().getLong("limits.dailyApiRequests.used");
        // after the job is created the org has used more than half its day: the snapshot's share (0.5)
        setDailyLimit(used + 2);

        String id = admin().post("/v1/admin/archive/snapshots?kind=full")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        JsonPath paused = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> admin().get("/v1/admin/archive/snapshots/" + id).jsonPath(),
                        j -> "PAUSED".equals(j.getString("state")));
        assertThat(paused.getString("reason")).contains("share of the org's daily API allocation");

        setDailyLimit(1_000_000);
        JsonPath done = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> admin().get("/v1/admin/archive/snapshots/" + id).jsonPath(),
                        j -> "DONE".equals(j.getString("state")));
        assertThat(done.getLong("objects.Account.records")).isEqualTo(count());
    }

    @Test
    void onlyAnOperatorTakesSnapshotsAndAskingWrongIsAProblem() {
        given().post("/v1/admin/archive/snapshots").then().statusCode(401);
        given().auth()
                .oauth2(CallerTokens.of("crm-sync", stack))
                .post("/v1/admin/archive/snapshots")
                .then()
                .statusCode(403);
        admin().post("/v1/admin/archive/snapshots?kind=weekly")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        admin().get("/v1/admin/archive/snapshots/2026-01-01T00-00-00Z-full")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private JsonPath snapshot(String kind) {
        String id = admin().post("/v1/admin/archive/snapshots?kind=" + kind)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        JsonPath done = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> admin().get("/v1/admin/archive/snapshots/" + id).jsonPath(),
                        j -> !"RUNNING".equals(j.getString("state")));
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("DONE");
        return done;
    }

    /** The snapshot's rows of Account by Id, each as field → value. */
    private Map<String, Map<String, String>> rows(JsonPath manifest) {
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String key : manifest.<String>getList("objects.Account.parts.key")) {
            CsvPage page = CsvPage.read(store.readPart(key));
            for (List<String> row : page.rows()) {
                Map<String, String> fields = new HashMap<>();
                for (int i = 0; i < page.header().size(); i++) {
                    fields.put(page.header().get(i), row.get(i));
                }
                rows.put(fields.get("Id"), fields);
            }
        }
        return rows;
    }

    private List<String> seed(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(org().body("{\"Name\": \"Snapshot " + prefix + " " + i + "\", \"External_Id__c\": \"" + prefix + "-"
                            + i + "\", \"Industry\": \"Energy\", \"Phone\": \"+1 555 0" + i + "\"}")
                    .post(V + "/sobjects/Account")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
        }
        return ids;
    }

    private List<Map<String, Object>> orgRecords() {
        return simulator().get("/simulator/records/Account").jsonPath().getList("records");
    }

    private long count() {
        return orgRecords().stream()
                .filter(r -> !Boolean.TRUE.equals(r.get("deleted")))
                .count();
    }

    private void advanceClock(int seconds) {
        simulator()
                .contentType("application/json")
                .body("{\"seconds\": " + seconds + "}")
                .post("/simulator/clock/advance")
                .then()
                .statusCode(200);
    }

    private void setDailyLimit(long max) {
        simulator()
                .contentType("application/json")
                .body("{\"dailyApiRequests\": " + max + "}")
                .put("/simulator/limits")
                .then()
                .statusCode(200);
    }

    private RequestSpecification simulator() {
        return given().baseUri("http://127.0.0.1:" + stack.port(Infrastructure.SIMULATOR));
    }

    private RequestSpecification org() {
        return simulator()
                .auth()
                .oauth2(SimulatorTokens.clientCredentials("http://127.0.0.1:" + stack.port(Infrastructure.SIMULATOR)))
                .contentType("application/json");
    }

    private RequestSpecification admin() {
        return given().auth().oauth2(CallerTokens.of("operator", stack));
    }
}
