package dev.governor.ingress;

import static dev.governor.ingress.Callers.account;
import static dev.governor.ingress.Callers.newKey;
import static dev.governor.ingress.Callers.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Keys expire after their TTL, and beyond its in-flight limit the ingress sheds load instead of queueing. */
@NeedsStack
@QuarkusTest
@TestProfile(TightLimitsTest.TightLimits.class)
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc"))
class TightLimitsTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("governor.ingress.idempotency.ttl", "2S", "governor.ingress.max-in-flight", "2");
        }
    }

    @Test
    void aKeyIsForgottenAfterItsTtl() {
        String key = newKey();
        String body = account("T-" + key, "Ttl");
        String first = write("crm-sync", key)
                .body(body)
                .post("/v1/records/Account")
                .then()
                .statusCode(202)
                .extract()
                .path("trackingId");
        write("crm-sync", key)
                .body(body)
                .post("/v1/records/Account")
                .then()
                .statusCode(202)
                .header("Idempotent-Replayed", "true");

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Response again = write("crm-sync", key).body(body).post("/v1/records/Account");
                    assertThat(again.statusCode()).isEqualTo(202);
                    assertThat(again.<String>path("trackingId")).isNotEqualTo(first);
                    // The key's hash now holds the new request: the earlier one's id is not shown as it.
                    Callers.as("crm-sync")
                            .get(again.header("Location"))
                            .then()
                            .statusCode(200)
                            .body("trackingId", equalTo(again.<String>path("trackingId")));
                    Callers.as("crm-sync").get("/v1/records/" + first).then().statusCode(404);
                });
    }

    @Test
    void overloadIsShedWith503NotQueued() {
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> write("crm-sync", newKey())
                    .body(account("O-" + newKey(), "Load"))
                    .post("/v1/records/Account")));
        }
        List<Response> answers = calls.stream().map(CompletableFuture::join).toList();

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isIn(202, 503));
        List<Response> shed =
                answers.stream().filter(r -> r.statusCode() == 503).toList();
        assertThat(shed).isNotEmpty().allSatisfy(r -> {
            assertThat(r.<String>path("type")).isEqualTo("https://governor.dev/problems/service-unavailable");
            assertThat(r.header("Retry-After")).isEqualTo("1");
        });
        assertThat(answers).anySatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
    }
}
