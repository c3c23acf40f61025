package dev.governor.salesforce.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The hourly publishing allocation against a real Redis, shared by two publishers (two replicas) of one
 * org: together they are never granted more than the allocation less the reserve, a publisher asking
 * past it is told how long to hold, and the rolling window gives events back as it moves on.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = LocalStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "redis,simulator"))
class PublishAllocationTest {

    @Inject
    ReactiveRedisDataSource redis;

    @Test
    void twoReplicasTogetherStayWithinTheAllocationAndHoldUntilTheWindowMovesOn() {
        PublishAllocationConfig config = config(200, 0.25, Duration.ofSeconds(3));
        String org = "publish-test-" + UUID.randomUUID();
        PublishAllocation first = new PublishAllocation(redis, config, org, new SimpleMeterRegistry());
        PublishAllocation second = new PublishAllocation(redis, config, org, new SimpleMeterRegistry());
        assertThat(first.allowed()).isEqualTo(150);

        List<Uni<PublishAllocation.Grant>> asks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            asks.add((i % 2 == 0 ? first : second).take(12));
        }
        List<PublishAllocation.Grant> grants =
                Uni.join().all(asks).andFailFast().await().atMost(Duration.ofSeconds(10));
        assertThat(grants.stream().mapToInt(PublishAllocation.Grant::events).sum())
                .isEqualTo(150);
        assertThat(grants)
                .filteredOn(g -> g.events() < 12)
                .allSatisfy(g -> assertThat(g.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(3)));

        PublishAllocation.Grant refused = first.take(1).await().atMost(Duration.ofSeconds(5));
        assertThat(refused.events()).isZero();
        sleep(refused.retryAfter().plusMillis(100));
        assertThat(second.take(100).await().atMost(Duration.ofSeconds(5)).events())
                .isEqualTo(100);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static PublishAllocationConfig config(long allocation, double reserve, Duration window) {
        return new PublishAllocationConfig() {
            @Override
            public long hourlyAllocation() {
                return allocation;
            }

            @Override
            public double reserve() {
                return reserve;
            }

            @Override
            public Duration window() {
                return window;
            }
        };
    }
}
