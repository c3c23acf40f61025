package dev.governor.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.testsupport.CallerTokens;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.PrivateStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and malformed input against the running ingress process: every one gets a 4xx answer as
 * problem+json — never a 5xx, never a 202 — and the service stays healthy and keeps accepting good writes.
 */
class IngressBadInputIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final PrivateStack stack = new PrivateStack(
            EnumSet.of(Infrastructure.KAFKA, Infrastructure.REDIS, Infrastructure.OIDC, Infrastructure.INGRESS));

    private static String ingress(String path) {
        return "http://127.0.0.1:" + stack.port(Infrastructure.INGRESS) + path;
    }

    private static String token(String caller) {
        return CallerTokens.of(caller, stack);
    }

    /** A request builder with a writer's token, a fresh Idempotency-Key and JSON, to be spoiled by each case. */
    private static HttpRequest.Builder write(String path) {
        return HttpRequest.newBuilder(URI.create(ingress(path)))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token("crm-sync"))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private static String nested(int depth) {
        return "{\"externalIdField\":\"External_Id__c\",\"externalId\":\"X\",\"fields\":{\"Name\":" + "[".repeat(depth)
                + "]".repeat(depth) + "}}";
    }

    /** A delivery correctly signed with the source's secret, but with a timestamp past the 5-minute tolerance. */
    private static HttpRequest staleStripeDelivery() {
        try {
            String secret = Files.readString(stack.runDir().resolve("credentials/webhook-secret"))
                    .trim();
            String payload = "{\"id\":\"evt_" + UUID.randomUUID()
                    + "\",\"data\":{\"object\":{\"amount\":1,\"status\":\"Placed\","
                    + "\"metadata\":{\"order_number\":\"ORD-1\"}}}}";
            long signedAt = Instant.now().minusSeconds(600).getEpochSecond();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature =
                    HexFormat.of().formatHex(mac.doFinal((signedAt + "." + payload).getBytes(StandardCharsets.UTF_8)));
            return HttpRequest.newBuilder(URI.create(ingress("/v1/webhooks/payments")))
                    .header("Content-Type", "application/json")
                    .header("Stripe-Signature", "t=" + signedAt + ",v1=" + signature)
                    .POST(json(payload))
                    .build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> hostileRequests() {
        String valid = "{\"externalIdField\":\"External_Id__c\",\"externalId\":\"X-1\",\"fields\":{\"Name\":\"Acme\"}}";
        byte[] invalidUtf8 =
                "{\"externalIdField\":\"External_Id__c\",\"externalId\":\"X\",\"fields\":{\"Name\":\"\u00ff\"}}"
                        .getBytes(StandardCharsets.ISO_8859_1);
        String forgedJwt = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                "{\"sub\":\"crm-sync\",\"scope\":\"records:write\"}".getBytes(StandardCharsets.UTF_8))
                + ".";
        Map<String, HttpRequest> cases = new LinkedHashMap<>();
        cases.put(
                "a 3 MiB body",
                write("/v1/records/Account")
                        .POST(json("{\"fields\":{\"Name\":\"" + "x".repeat(3 << 20) + "\"}}"))
                        .build());
        cases.put(
                "nesting 10,000 deep",
                write("/v1/records/Account").POST(json(nested(10_000))).build());
        cases.put(
                "invalid UTF-8",
                write("/v1/records/Account")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8))
                        .build());
        cases.put(
                "malformed JSON",
                write("/v1/records/Account").POST(json("{\"externalId\": ")).build());
        cases.put(
                "a JSON array, not an object",
                write("/v1/records/Account").POST(json("[1,2,3]")).build());
        cases.put(
                "SOQL in the object name",
                write("/v1/records/Account%20WHERE%20Id%20!=%20null")
                        .POST(json(valid))
                        .build());
        cases.put(
                "a path in the object name",
                write("/v1/records/..%2F..%2Fsimulator%2Freset")
                        .POST(json(valid))
                        .build());
        cases.put(
                "SOQL in a field name",
                write("/v1/records/Account")
                        .POST(json("{\"externalIdField\":\"External_Id__c\",\"externalId\":\"X\","
                                + "\"fields\":{\"Name FROM User--\":\"x\"}}"))
                        .build());
        cases.put(
                "an object as a field value",
                write("/v1/records/Account")
                        .POST(json("{\"externalIdField\":\"External_Id__c\",\"externalId\":\"X\","
                                + "\"fields\":{\"Name\":{\"$gt\":\"\"}}}"))
                        .build());
        cases.put(
                "a duplicate member",
                write("/v1/records/Account")
                        .POST(json("{\"externalIdField\":\"External_Id__c\",\"externalId\":\"X\","
                                + "\"externalId\":\"Y\",\"fields\":{\"Name\":\"x\"}}"))
                        .build());
        cases.put(
                "no Idempotency-Key",
                HttpRequest.newBuilder(URI.create(ingress("/v1/records/Account")))
                        .header("Authorization", "Bearer " + token("crm-sync"))
                        .header("Content-Type", "application/json")
                        .POST(json(valid))
                        .build());
        cases.put(
                "a form instead of JSON",
                write("/v1/records/Account")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(json("a=b"))
                        .build());
        cases.put(
                "no token",
                HttpRequest.newBuilder(URI.create(ingress("/v1/records/Account")))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "k")
                        .POST(json(valid))
                        .build());
        cases.put(
                "a garbage token",
                HttpRequest.newBuilder(URI.create(ingress("/v1/records/Account")))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "k")
                        .header("Authorization", "Bearer not.a.token")
                        .POST(json(valid))
                        .build());
        cases.put(
                "an unsigned token (alg none)",
                HttpRequest.newBuilder(URI.create(ingress("/v1/records/Account")))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "k")
                        .header("Authorization", "Bearer " + forgedJwt)
                        .POST(json(valid))
                        .build());
        cases.put(
                "a read-only caller writing",
                HttpRequest.newBuilder(URI.create(ingress("/v1/records/Account")))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "k")
                        .header("Authorization", "Bearer " + token("dashboard"))
                        .POST(json(valid))
                        .build());
        cases.put(
                "a forged webhook signature",
                HttpRequest.newBuilder(URI.create(ingress("/v1/webhooks/github")))
                        .header("Content-Type", "application/json")
                        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                        .header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
                        .POST(json("{\"issue\":{\"title\":\"t\"}}"))
                        .build());
        cases.put(
                "a webhook without a signature",
                HttpRequest.newBuilder(URI.create(ingress("/v1/webhooks/github")))
                        .header("Content-Type", "application/json")
                        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                        .POST(json("{\"issue\":{\"title\":\"t\"}}"))
                        .build());
        cases.put("a replayed Stripe-style delivery, signed 10 minutes ago", staleStripeDelivery());
        cases.put(
                "an unknown webhook source",
                HttpRequest.newBuilder(URI.create(ingress("/v1/webhooks/..%2Fadmin")))
                        .header("Content-Type", "application/json")
                        .POST(json("{}"))
                        .build());
        cases.put(
                "an unknown path",
                HttpRequest.newBuilder(URI.create(ingress("/v1/../../etc/passwd")))
                        .GET()
                        .build());
        cases.put(
                "a batch of 10,000",
                write("/v1/records/Account/batch")
                        .POST(json("{\"records\":[" + String.join(",", java.util.Collections.nCopies(10_000, valid))
                                + "]}"))
                        .build());
        return cases.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void hostileRequestsGetAProblemAndNeverA5xx(String name, HttpRequest request)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", name, response.body()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type"))
                .as(name)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
                .as(name)
                .contains("\"type\":\"https://governor.dev/problems/")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void afterAllThatTheIngressIsHealthyAndAcceptsGoodWrites() throws IOException, InterruptedException {
        hostileRequests().forEach(arguments -> {
            try {
                HTTP.send((HttpRequest) arguments.get()[1], HttpResponse.BodyHandlers.discarding());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        HttpResponse<String> health = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + stack.managementPort(Infrastructure.INGRESS) + "/q/health/ready"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        HttpResponse<String> good = HTTP.send(
                write("/v1/records/Account")
                        .POST(json("{\"externalIdField\":\"External_Id__c\",\"externalId\":\"GOOD-" + UUID.randomUUID()
                                + "\",\"fields\":{\"Name\":\"Acme\"}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(good.statusCode()).as(good.body()).isEqualTo(202);
    }
}
