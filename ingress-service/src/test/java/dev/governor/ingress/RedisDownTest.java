package dev.governor.ingress;

import static dev.governor.ingress.Callers.account;
import static dev.governor.ingress.Callers.newKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.governor.common.problem.ProblemType;
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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ingress while Redis is away. Writes, under the opt-in alternative to failing closed
 * ({@code when-key-store-down=ACCEPT}), are buffered carrying their key, so the upsert by external id still
 * keeps Salesforce free of duplicates. Reads, which the cache and the limit guard both need Redis for, are a
 * retryable 503 problem, never a call to the org the cache cannot account for.
 */
@NeedsStack
@QuarkusTest
@TestProfile(RedisDownTest.AcceptWhenKeyStoreDown.class)
@WithTestResource(
        value = PrivateStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc"))
class RedisDownTest {

    public static class AcceptWhenKeyStoreDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("governor.ingress.idempotency.when-key-store-down", "ACCEPT");
        }
    }

    @InjectPrivateStack
    PrivateStack stack;

    @Test
    void writesAreBufferedUncheckedWhileRedisIsDown() {
        String key = newKey();
        stack.down(Infrastructure.REDIS);
        try {
            given().auth()
                    .oauth2(CallerTokens.of("crm-sync", stack))
                    .contentType("application/json")
                    .header("Idempotency-Key", key)
                    .body(account("U-" + key, "Unchecked"))
                    .post("/v1/records/Account")
                    .then()
                    .statusCode(202);
        } finally {
            stack.up(Infrastructure.REDIS);
        }
        assertThat(new TopicReader("127.0.0.1:" + stack.port(Infrastructure.KAFKA))
                        .collect(
                                Topics.RECORDS,
                                r -> key.equals(CloudEventRecords.headers(r)
                                        .get("ce_" + RecordCloudEvents.EXT_IDEMPOTENCY_KEY))))
                .singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo("account:external_id__c:u-" + key.toLowerCase()));
    }

    @Test
    void readsAreARetryable503ProblemWhileRedisIsDown() {
        stack.down(Infrastructure.REDIS);
        try {
            for (String path : List.of(
                    "/v1/sobjects/Account/001000000000001AAA",
                    "/v1/sobjects/Account/External_Id__c/R-1",
                    "/v1/queries/accounts-by-industry?industry=Energy")) {
                given().auth()
                        .oauth2(CallerTokens.of("dashboard", stack))
                        .get(path)
                        .then()
                        .statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", notNullValue())
                        .body(
                                "type",
                                equalTo(ProblemType.SERVICE_UNAVAILABLE.type().toString()));
            }
        } finally {
            stack.up(Infrastructure.REDIS);
        }
    }
}
