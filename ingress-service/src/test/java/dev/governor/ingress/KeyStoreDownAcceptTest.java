package dev.governor.ingress;

import static dev.governor.ingress.Callers.account;
import static dev.governor.ingress.Callers.newKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The opt-in alternative to failing closed: with {@code when-key-store-down=ACCEPT} a write is buffered
 * while Redis is away, carrying its key so the upsert by external id still keeps Salesforce free of
 * duplicates.
 */
@NeedsStack
@QuarkusTest
@TestProfile(KeyStoreDownAcceptTest.AcceptWhenKeyStoreDown.class)
@WithTestResource(
        value = PrivateStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc"))
class KeyStoreDownAcceptTest {

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
}
