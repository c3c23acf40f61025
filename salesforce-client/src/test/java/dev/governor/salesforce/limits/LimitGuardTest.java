package dev.governor.salesforce.limits;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.governor.salesforce.api.SalesforceClient;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.InjectPrivateStack;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStack;
import dev.governor.testsupport.PrivateStackResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The limit guard against a real Redis and the simulator: the rate, the concurrency permits (with leases
 * that free a crashed holder's permit), the daily reserve, two users sharing one org, and calls granted
 * in the order they were asked for (a crashed asker's ticket lapsing).
 * Test settings: 20 calls/s after a burst of 5, 2 in flight, 1 s leases.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = PrivateStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "simulator,redis"))
class LimitGuardTest {

    @Inject
    LimitGuard limitGuard;

    @Inject
    LimitGuardConfig config;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    MeterRegistry metrics;

    @Inject
    Event<LimitInfo> usage;

    @Inject
    SalesforceClient client;

    @InjectPrivateStack
    PrivateStack org;

    @BeforeEach
    void freshBudget() {
        usage.fire(new LimitInfo(0, 150_000));
    }

    private static Permit take(LimitGuard limitGuard) {
        return limitGuard.acquire().await().atMost(Duration.ofSeconds(30));
    }

    private void drainTheBurst() {
        for (int i = 0; i < config.burst(); i++) {
            take(limitGuard).release().await().indefinitely();
        }
    }

    @Test
    void callsAreGrantedInTheOrderTheyWereAskedFor() throws Exception {
        drainTheBurst();
        LimitGuard other = new LimitGuard(redis, config, metrics);
        List<Integer> granted = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(8);
        String sequence = OrgKeys.prefix(config.org()) + "queue-sequence";
        for (int asker = 0; asker < 8; asker++) {
            long ticketsBefore = tickets(sequence);
            int which = asker;
            // Two users of the org, alternating, as two consumers or replicas would ask.
            (asker % 2 == 0 ? limitGuard : other)
                    .acquire()
                    .subscribe()
                    .with(
                            permit -> {
                                granted.add(which);
                                permit.release().subscribe().with(ignored -> all.countDown());
                            },
                            failure -> all.countDown());
            // The next asker asks only once this one holds its ticket: the order asked is the order intended.
            await().atMost(Duration.ofSeconds(5)).until(() -> tickets(sequence) > ticketsBefore);
        }
        assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(granted).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    private long tickets(String sequence) {
        String value = redis.value(String.class).get(sequence).await().atMost(Duration.ofSeconds(5));
        return value == null ? 0 : Long.parseLong(value);
    }

    @Test
    void aTicketWhoseAskerStoppedAskingLapsesAndNoLongerHoldsTheQueue() {
        drainTheBurst();
        String prefix = OrgKeys.prefix(config.org());
        long now = System.currentTimeMillis();
        // A ticket at the head of the queue whose asker crashed right after asking.
        redis.sortedSet(String.class)
                .zadd(prefix + "queue", -1, "crashed-asker")
                .await()
                .indefinitely();
        redis.sortedSet(String.class)
                .zadd(prefix + "queue-seen", now, "crashed-asker")
                .await()
                .indefinitely();

        long started = System.nanoTime();
        take(limitGuard).release().await().indefinitely();
        double waited = (System.nanoTime() - started) / 1e9;

        assertThat(waited)
                .as("waited behind the crashed asker's ticket")
                .isGreaterThanOrEqualTo(2.0)
                .isLessThan(LimitGuard.TICKET_LAPSE_MILLIS / 1000.0 + 2.0);
    }

    @Test
    void permitsComeNoFasterThanTheRateAfterTheBurst() {
        long started = System.nanoTime();
        for (int i = 0; i < 25; i++) {
            take(limitGuard).release().await().indefinitely();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // 5 from the burst, then 20 at 20/s: at least ~1 s; never faster.
        assertThat(seconds).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void twoUsersOfOneOrgShareTheRate() throws Exception {
        LimitGuard other = new LimitGuard(redis, config, metrics);
        long started = System.nanoTime();
        List<Thread> users = new ArrayList<>();
        for (LimitGuard user : List.of(limitGuard, other)) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 20; i++) {
                    take(user).release().await().indefinitely();
                }
            });
            thread.start();
            users.add(thread);
        }
        for (Thread user : users) {
            user.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // 40 permits shared: 5 from the burst, 35 at 20/s together — at least ~1.75 s.
        assertThat(seconds).isGreaterThanOrEqualTo(1.6);
    }

    @Test
    void aCrashedHoldersPermitComesBackAfterItsLease() {
        Permit first = take(limitGuard);
        Permit second = take(limitGuard); // both slots taken and never released: the holder "crashed"

        long started = System.nanoTime();
        Permit third = take(limitGuard);
        double waited = (System.nanoTime() - started) / 1e9;

        assertThat(waited).isGreaterThanOrEqualTo(0.5); // it had to wait for a 1 s lease to run out
        third.release().await().indefinitely();
        first.release().await().indefinitely();
        second.release().await().indefinitely();
    }

    @Test
    void theDailyReserveStopsCallsAndTheyResumeWhenTheWindowFrees() {
        usage.fire(new LimitInfo(121_000, 150_000)); // past the 20 % reserve line at 120,000

        assertThatThrownBy(() -> take(limitGuard)).isInstanceOf(BudgetExhaustedException.class);

        usage.fire(new LimitInfo(60_000, 150_000));
        take(limitGuard).release().await().indefinitely();
    }

    @Test
    void theOrgNeverSeesMoreConcurrentCallsThanThePermits() {
        String admin = "http://127.0.0.1:" + org.port(Infrastructure.SIMULATOR);
        given().contentType("application/json")
                .body("{\"latency\": {\"collections\": {\"fixedMs\": 300}}}")
                .put(admin + "/simulator/faults")
                .then()
                .statusCode(200);
        try {
            List<Uni<dev.governor.salesforce.api.UpsertResult>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("External_Id__c", "P-" + UUID.randomUUID());
                record.put("Name", "Permit " + i);
                calls.add(client.upsert(limitGuard.acquire(), "Account", "External_Id__c", List.of(record)));
            }
            Uni.join().all(calls).andFailFast().await().atMost(Duration.ofSeconds(60));
        } finally {
            given().delete(admin + "/simulator/faults").then().statusCode(200);
        }
        assertThat(given().get(admin + "/simulator/stats").<Integer>path("maxConcurrentRequests"))
                .isLessThanOrEqualTo(2);
        assertThat(metrics.get("governor_salesforce_permits")
                        .tag("outcome", "granted")
                        .counter())
                .isNotNull();
    }
}
