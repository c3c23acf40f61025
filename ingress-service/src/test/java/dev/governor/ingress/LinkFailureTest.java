package dev.governor.ingress;

import static dev.governor.ingress.Callers.account;
import static dev.governor.ingress.Callers.newKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.governor.common.record.RecordCloudEvents;
import dev.governor.common.topic.Topics;
import dev.governor.testsupport.CallerTokens;
import dev.governor.testsupport.CloudEventRecords;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.InjectPrivateStack;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStack;
import dev.governor.testsupport.PrivateStackResource;
import dev.governor.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * With Kafka or Redis gone the ingress never answers 202: the caller gets 503 with Retry-After, nothing
 * is buffered, and the key is free for the retry that succeeds once the link is back.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = PrivateStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc"))
class LinkFailureTest {

    @InjectPrivateStack
    PrivateStack stack;

    private Response post(String key, String body) {
        return given().auth()
                .oauth2(CallerTokens.of("crm-sync", stack))
                .contentType("application/json")
                .header("Idempotency-Key", key)
                .body(body)
                .post("/v1/records/Account");
    }

    private long buffered(String key) {
        return new TopicReader("127.0.0.1:" + stack.port(Infrastructure.KAFKA))
                .collect(
                        Topics.RECORDS,
                        r -> key.equals(
                                CloudEventRecords.headers(r).get("ce_" + RecordCloudEvents.EXT_IDEMPOTENCY_KEY)))
                .size();
    }

    @Test
    void withKafkaDownNothingIsAcceptedAndTheKeyIsReleased() {
        post(newKey(), account("Warm-" + newKey(), "up")).then().statusCode(202);
        String key = newKey();
        String body = account("K-" + key, "Kafka down");

        stack.down(Infrastructure.KAFKA);
        Response refused = post(key, body);
        refused.then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("https://governor.dev/problems/service-unavailable"));
        // The producer gives up after delivery.timeout.ms (2.5 s): far from the ten seconds callers used to wait.
        System.out.printf("503 while Kafka is down answered in %d ms%n", refused.time());
        assertThat(refused.time()).as("milliseconds until the 503").isLessThan(6_000);

        stack.up(Infrastructure.KAFKA);
        Response retried = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> post(key, body), r -> r.statusCode() == 202);
        retried.then().header("Idempotent-Replayed", nullValue());
        assertThat(buffered(key)).isEqualTo(1);
    }

    @Test
    void withRedisDownRequestsAreRefusedNotBufferedUnchecked() {
        String key = newKey();
        String body = account("R-" + key, "Redis down");

        stack.down(Infrastructure.REDIS);
        post(key, body)
                .then()
                .statusCode(503)
                .header("Retry-After", "5")
                .body("type", equalTo("https://governor.dev/problems/service-unavailable"));
        assertThat(buffered(key)).isZero();

        stack.up(Infrastructure.REDIS);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> post(key, body).statusCode() == 202);
        assertThat(buffered(key)).isEqualTo(1);
    }
}
