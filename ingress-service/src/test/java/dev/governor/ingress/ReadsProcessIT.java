package dev.governor.ingress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.testsupport.CallerTokens;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.PrivateStack;
import dev.governor.testsupport.SimulatorTokens;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The read cache across replicas, as users run it: two packaged ingress processes sharing one Redis, in front
 * of the simulator. Concurrent misses for one record, split across both, make one API call: each replica
 * waits on its own call, and one replica's call stands for the other's.
 */
class ReadsProcessIT {

    @RegisterExtension
    static final PrivateStack stack = new PrivateStack(EnumSet.of(
            Infrastructure.KAFKA,
            Infrastructure.REDIS,
            Infrastructure.OIDC,
            Infrastructure.SIMULATOR,
            Infrastructure.INGRESS));

    @Test
    void twoHundredConcurrentMissesFromTwoReplicasMakeOneApiCall() throws Exception {
        Map<String, String> env = new HashMap<>();
        for (Infrastructure shared :
                List.of(Infrastructure.KAFKA, Infrastructure.REDIS, Infrastructure.SIMULATOR, Infrastructure.OIDC)) {
            env.put(shared.portVariable(), Integer.toString(stack.port(shared)));
        }
        env.put("GOVERNOR_CREDENTIALS_DIR", stack.credentialsDir().toString());
        String simulator = "http://127.0.0.1:" + stack.port(Infrastructure.SIMULATOR);
        String token = CallerTokens.of("dashboard", stack);
        try (PrivateStack replica = new PrivateStack(EnumSet.of(Infrastructure.INGRESS), env)) {
            replica.up();
            List<String> ingresses = List.of(
                    "http://127.0.0.1:" + stack.port(Infrastructure.INGRESS),
                    "http://127.0.0.1:" + replica.port(Infrastructure.INGRESS));
            ExecutorService callers = Executors.newFixedThreadPool(64);
            try {
                for (int round = 0; round < 3; round++) {
                    String id = account(simulator, "READ-" + UUID.randomUUID());
                    long before = readCalls(simulator);
                    CountDownLatch start = new CountDownLatch(1);
                    List<CompletableFuture<String>> reads = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        String ingress = ingresses.get(i % 2);
                        reads.add(CompletableFuture.supplyAsync(
                                () -> {
                                    try {
                                        start.await();
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                    return given().auth()
                                            .oauth2(token)
                                            .get(ingress + "/v1/sobjects/Account/" + id)
                                            .then()
                                            .statusCode(200)
                                            .extract()
                                            .header("X-Governor-Cache");
                                },
                                callers));
                    }
                    start.countDown();
                    List<String> sources = new ArrayList<>();
                    for (CompletableFuture<String> read : reads) {
                        sources.add(read.get());
                    }
                    long calls = readCalls(simulator) - before;
                    System.out.printf(
                            "round %d: 200 reads over two replicas, %d API call(s), %d answered MISS%n",
                            round,
                            calls,
                            sources.stream().filter("MISS"::equals).count());
                    assertThat(calls)
                            .as("API calls for 200 concurrent misses on two replicas")
                            .isEqualTo(1);
                }
            } finally {
                callers.shutdown();
            }
        }
    }

    private static String account(String simulator, String externalId) {
        return given().auth()
                .oauth2(SimulatorTokens.clientCredentials(simulator))
                .contentType("application/json")
                .body("{\"Name\": \"Replicas " + externalId + "\"}")
                .patch(simulator + "/services/data/v63.0/sobjects/Account/External_Id__c/" + externalId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static long readCalls(String simulator) {
        io.restassured.path.json.JsonPath stats =
                given().get(simulator + "/simulator/stats").then().extract().jsonPath();
        Map<String, Object> byEndpoint = stats.getMap("callsByEndpoint");
        return ((Number) byEndpoint.getOrDefault("sobjects", 0)).longValue()
                + ((Number) byEndpoint.getOrDefault("query", 0)).longValue();
    }
}
