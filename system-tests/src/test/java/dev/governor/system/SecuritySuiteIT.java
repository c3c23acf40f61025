package dev.governor.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.governor.common.topic.Topics;
import dev.governor.testsupport.CallerTokens;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.PrivateStack;
import dev.governor.testsupport.SimulatedOrg;
import dev.governor.testsupport.StackScript;
import dev.governor.testsupport.TopicReader;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.RSAPrivateKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipFile;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The attacks a caller, a webhook sender or a neighbour on the network would try, against the services
 * running as the local stack runs them: a token naming another caller in a claim users may change, a
 * write outside the caller's grant, a captured GitHub body replayed under new delivery ids, tokens that
 * cannot be verified (which must never reach the issuer), an unsigned token, a token minted offline with
 * the key published inside the local issuer's own jar, a caller without its secret, the management
 * endpoints on the API ports, and the services' ports on anything but loopback.
 *
 * <p>The stack's links are secured as the production overlay's managed services are: Kafka takes only
 * SASL_SSL with SCRAM-SHA-512 and Redis only TLS with a password, and the services are configured the way
 * that overlay configures them ({@code KAFKA_SECURITY_PROTOCOL} and {@code KAFKA_SASL_MECHANISM} with its
 * values, the JAAS line whole in {@code KAFKA_SASL_JAAS_CONFIG}, {@code rediss://} hosts and
 * {@code QUARKUS_REDIS_PASSWORD}, plus the local certificates' trust, which a public certificate authority
 * makes unnecessary there). Mixed writes go through the ingress and delivery into the org (or onto the
 * dead-letter topic) and into the archive over them, and neither the broker nor Redis serves a neighbour
 * without the secret or without TLS.
 */
class SecuritySuiteIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final Path PRODUCTION_SETTINGS =
            Path.of("../deploy/kubernetes/overlays/production/managed-services.env");

    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule required";

    @RegisterExtension
    static final PrivateStack stack = new PrivateStack(
            EnumSet.of(
                    Infrastructure.KAFKA,
                    Infrastructure.REDIS,
                    Infrastructure.OIDC,
                    Infrastructure.SIMULATOR,
                    Infrastructure.INGRESS,
                    Infrastructure.DELIVERY,
                    Infrastructure.S3,
                    Infrastructure.ARCHIVE),
            // The links secured as the production overlay's managed services secure them.
            Map.of("GOVERNOR_KAFKA_SECURITY", "sasl_ssl", "GOVERNOR_REDIS_SECURITY", "tls"));

    private static String ingress(String path) {
        return address(Infrastructure.INGRESS) + path;
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> write(String bearer, String key, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(ingress(path)))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + bearer)
                .header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static HttpResponse<String> get(String bearer, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(ingress(path)))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + bearer)
                .GET()
                .build());
    }

    private static HttpResponse<String> getFrom(int port, String bearer, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.GET().build());
    }

    private static String token(String client) {
        return CallerTokens.of(client, stack);
    }

    private static String account(String externalId) {
        return "{\"externalIdField\":\"External_Id__c\",\"externalId\":\"" + externalId
                + "\",\"fields\":{\"Name\":\"Security " + externalId + "\"}}";
    }

    @Test
    void aTokenNamingAnotherCallerInAMutableClaimActsOnlyAsItsSub() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> accepted =
                write(token("crm-sync-renamed"), key, "/v1/records/Account", account("SEC-" + key));
        assertThat(accepted.statusCode()).isEqualTo(202);
        String status = accepted.headers().firstValue("Location").orElseThrow();

        assertThat(get(token("crm-sync"), status).body()).contains("\"caller\":\"token:crm-sync\"");
        assertThat(get(token("erp-feed"), status).statusCode())
                .as("erp-feed reads crm-sync's request")
                .isEqualTo(404);
        HttpResponse<String> sameKey = write(token("erp-feed"), key, "/v1/records/Account", account("SEC-" + key));
        assertThat(sameKey.headers().firstValue("Idempotent-Replayed"))
                .as("erp-feed replays crm-sync's answer")
                .isEmpty();
    }

    @Test
    void aWriteOutsideTheCallersGrantIs403ProblemDetails() throws Exception {
        for (String object : List.of("User", "PermissionSetAssignment", "Contact")) {
            HttpResponse<String> refused =
                    write(token("erp-feed"), UUID.randomUUID().toString(), "/v1/records/" + object, account("X-1"));
            assertThat(refused.statusCode()).as(object).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(refused.body()).contains("https://governor.dev/problems/forbidden");
        }
    }

    @Test
    void aCapturedGithubBodyReplayedUnderNewDeliveryIdsMakesOneCase() throws Exception {
        String secret = Files.readString(stack.runDir().resolve("credentials/webhook-secret"))
                .trim();
        String title = "Captured " + UUID.randomUUID();
        byte[] body = ("{\"action\":\"opened\",\"issue\":{\"title\":\"" + title + "\",\"body\":\"Replay me\"}}")
                .getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        List<Integer> statuses = new ArrayList<>();
        List<String> replayed = new ArrayList<>();
        for (int delivery = 0; delivery < 6; delivery++) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(ingress("/v1/webhooks/github")))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                    .header("X-Hub-Signature-256", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build());
            statuses.add(answer.statusCode());
            replayed.add(answer.headers().firstValue("Idempotent-Replayed").orElse("false"));
        }

        assertThat(statuses).containsOnly(202);
        assertThat(replayed).containsExactly("false", "true", "true", "true", "true", "true");
        String simulator = "http://127.0.0.1:" + stack.port(Infrastructure.SIMULATOR);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !SimulatedOrg.records(simulator, "Case", "Subject", title)
                        .isEmpty());
        assertThat(SimulatedOrg.records(simulator, "Case", "Subject", title))
                .singleElement()
                .satisfies(
                        c -> assertThat(((Number) c.get("creates")).intValue()).isEqualTo(1));
    }

    @Test
    void tokensThatCannotBeVerifiedAreRefusedWithoutAskingTheIssuer() throws Exception {
        Path ingressLog = stack.runDir().resolve("ingress/ingress.log");
        long before = linesMentioningIntrospection(ingressLog);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String claims = base64.encodeToString(("{\"iss\":\"http://127.0.0.1:" + stack.port(Infrastructure.OIDC)
                        + "/governor\",\"aud\":[\"governor\"]," + "\"sub\":\"crm-sync\",\"iat\":" + now + ",\"exp\":"
                        + (now + 600) + ",\"scope\":\"records:write records:read\"}")
                .getBytes(StandardCharsets.UTF_8));
        List<String> forged = List.of(
                "x",
                base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                        + claims + ".",
                base64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"not-a-key-of-the-issuer\"}"
                                .getBytes(StandardCharsets.UTF_8))
                        + "." + claims + "." + base64.encodeToString("forged".getBytes(StandardCharsets.UTF_8)));
        for (String bearer : forged) {
            for (int i = 0; i < 10; i++) {
                assertThat(write(bearer, UUID.randomUUID().toString(), "/v1/records/Account", account("F-" + i))
                                .statusCode())
                        .isEqualTo(401);
            }
        }
        assertThat(linesMentioningIntrospection(ingressLog) - before)
                .as("log lines about introspecting a token")
                .isZero();
    }

    private static long linesMentioningIntrospection(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.toLowerCase(Locale.ROOT).contains("introspect"))
                    .count();
        }
    }

    @Test
    void theServicesListenOnLoopbackOnly() throws IOException {
        for (Infrastructure service :
                List.of(Infrastructure.INGRESS, Infrastructure.DELIVERY, Infrastructure.SIMULATOR)) {
            List<String> addresses = ListeningSockets.addressesOf(stack.port(service));
            assertThat(addresses).as("%s listens on", service).isNotEmpty().allMatch(ListeningSockets::isLoopback);
        }
        for (Infrastructure service : List.of(Infrastructure.INGRESS, Infrastructure.DELIVERY)) {
            List<String> addresses = ListeningSockets.addressesOf(stack.managementPort(service));
            assertThat(addresses)
                    .as("%s's management interface listens on", service)
                    .isNotEmpty()
                    .allMatch(ListeningSockets::isLoopback);
        }
    }

    @Test
    void healthMetricsAndOpenApiAreOnlyOnTheManagementPorts() throws Exception {
        for (Infrastructure service : List.of(Infrastructure.INGRESS, Infrastructure.DELIVERY)) {
            for (String path : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi")) {
                assertThat(getFrom(stack.port(service), null, path).statusCode())
                        .as("%s %s on the API port", service, path)
                        .isEqualTo(404);
                assertThat(getFrom(stack.managementPort(service), null, path).statusCode())
                        .as("%s %s on the management port", service, path)
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void anAdminTokenMintedWithTheIssuersPublishedDefaultKeyIsRefused() throws Exception {
        // Anyone can mint this token offline: mock-oauth2-server ships its default signing key, private half
        // included, inside its public jar. The stack's issuer signs with a key made for the stack instead.
        JsonPath bundled = JsonPath.from(bundledIssuerKeys());
        RSAPrivateKeySpec spec = new RSAPrivateKeySpec(
                unsigned(bundled.getString("keys[0].n")), unsigned(bundled.getString("keys[0].d")));
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String signingInput = base64.encodeToString(
                        "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"governor\"}".getBytes(StandardCharsets.UTF_8))
                + "."
                + base64.encodeToString(
                        ("{\"iss\":\"http://127.0.0.1:" + stack.port(Infrastructure.OIDC) + "/governor\","
                                        + "\"aud\":[\"governor\"],\"sub\":\"operator\",\"iat\":" + now + ",\"nbf\":"
                                        + now + ",\"exp\":" + (now + 600)
                                        + ",\"scope\":\"records:write records:read governor:admin\"}")
                                .getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(KeyFactory.getInstance("RSA").generatePrivate(spec));
        rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String minted = signingInput + "." + base64.encodeToString(rs256.sign());

        assertThat(getFrom(stack.port(Infrastructure.DELIVERY), minted, "/v1/admin/delivery")
                        .statusCode())
                .isEqualTo(401);
        assertThat(write(minted, UUID.randomUUID().toString(), "/v1/records/Account", account("M-1"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(getFrom(stack.port(Infrastructure.DELIVERY), token("operator"), "/v1/admin/delivery")
                        .statusCode())
                .as("the real operator, with its secret")
                .isEqualTo(200);
    }

    @Test
    void aCallerWithoutItsSecretGetsATokenThatMayDoNothing() throws Exception {
        String withoutSecret = CallerTokens.fresh("operator", stack.port(Infrastructure.OIDC), "local");
        assertThat(getFrom(stack.port(Infrastructure.DELIVERY), withoutSecret, "/v1/admin/delivery")
                        .statusCode())
                .isEqualTo(403);
        assertThat(write(withoutSecret, UUID.randomUUID().toString(), "/v1/records/Account", account("S-1"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void theServicesRunWithTheProductionOverlaysKafkaAndRedisSettings() throws IOException {
        Map<String, String> production = envFile(PRODUCTION_SETTINGS);
        for (Infrastructure service :
                List.of(Infrastructure.INGRESS, Infrastructure.DELIVERY, Infrastructure.ARCHIVE)) {
            Map<String, String> running = processEnvironment(service);
            assertThat(running)
                    .as(service + "'s environment")
                    .containsEntry("KAFKA_SECURITY_PROTOCOL", production.get("KAFKA_SECURITY_PROTOCOL"))
                    .containsEntry("KAFKA_SASL_MECHANISM", production.get("KAFKA_SASL_MECHANISM"));
            assertThat(running.get("KAFKA_SASL_JAAS_CONFIG")).startsWith(SCRAM_LOGIN + " username=\"governor\"");
            assertThat(running.get("QUARKUS_REDIS_HOSTS")).startsWith("rediss://");
            assertThat(running.get("QUARKUS_REDIS_PASSWORD")).isNotBlank();
            assertThat(running)
                    .containsEntry(
                            "QUARKUS_REDIS_TLS_HOSTNAME_VERIFICATION_ALGORITHM",
                            production.get("QUARKUS_REDIS_TLS_HOSTNAME_VERIFICATION_ALGORITHM"));
        }
        assertThat(production).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        assertThat(production.get("QUARKUS_REDIS_HOSTS")).startsWith("rediss://");
    }

    /**
     * Mixed traffic over the secured links (several callers, partial writes, field names and ids in varying
     * letter case, writes the door refuses and records the org refuses): every record ends in the org as the
     * fold of its accepted writes, or on the dead-letter topic with its reason, and the archive has the
     * records topic.
     */
    @Test
    void mixedWritesGoThroughTheIngressDeliveryAndTheArchiveOverSecuredLinks() throws Exception {
        WriteLoad load = new WriteLoad(
                        address(Infrastructure.INGRESS),
                        caller -> CallerTokens.of(caller, stack),
                        "secured-" + UUID.randomUUID().toString().substring(0, 6),
                        40,
                        4,
                        40)
                .start();
        Thread.sleep(4000);
        load.close();
        OrgLedger ledger =
                new OrgLedger(address(Infrastructure.SIMULATOR), new TopicReader(bootstrap(), clientSettings()));
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions()
                .until(() -> ledger.check(load).settled());
        OrgLedger.Verdict verdict = ledger.check(load);
        OrgLedger.assertWhole(load, verdict);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonPath report = given().baseUri(address(Infrastructure.ARCHIVE))
                            .auth()
                            .oauth2(CallerTokens.of("operator", stack))
                            .queryParam("topic", Topics.RECORDS)
                            .get("/v1/admin/archive/verify")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    assertThat(report.getList("topics[0].partitions.records", Long.class).stream()
                                    .mapToLong(Long::longValue)
                                    .sum())
                            .as("records of %s in the archive", Topics.RECORDS)
                            .isPositive();
                });
    }

    @Test
    void theBrokerGivesNothingToAClientWithoutTheSecretOrWithoutSasl() throws Exception {
        Map<String, Object> wrongPassword = new HashMap<>(clientSettings());
        wrongPassword.put("sasl.jaas.config", SCRAM_LOGIN + " username=\"governor\" password=\"guess\";");
        assertThatThrownBy(() -> listTopics(wrongPassword)).hasRootCauseInstanceOf(SaslAuthenticationException.class);

        // A plaintext client's requests are not TLS records: the broker never answers them.
        assertThatThrownBy(() -> listTopics(Map.of("bootstrap.servers", bootstrap())))
                .isInstanceOfAny(ExecutionException.class, TimeoutException.class);

        assertThat(listTopics(clientSettings())).contains(Topics.RECORDS);
    }

    @Test
    void redisServesNoClientWithoutTlsOrWithoutThePassword() throws Exception {
        int port = stack.redisNodePorts().get(0);
        // A plaintext PING is not a TLS record: the server drops the connection without an answer.
        try (Socket plain = new Socket("127.0.0.1", port)) {
            plain.setSoTimeout(5000);
            plain.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(firstLine(plain)).doesNotStartWith("+PONG");
        }
        SSLContext trusting = trusting(stack.runDir().resolve("redis-tls/redis.crt"));
        try (SSLSocket tls = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", port)) {
            tls.setSoTimeout(5000);
            tls.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(firstLine(tls)).startsWith("-NOAUTH");
        }
    }

    /** The first line a Redis server answers, or "" when it closes the connection (or a TLS alert ends it). */
    private static String firstLine(Socket socket) {
        try {
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line = reader.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            return "";
        }
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry(
                    "redis", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static Set<String> listTopics(Map<String, Object> settings) throws Exception {
        Map<String, Object> withTimeouts = new HashMap<>(settings);
        withTimeouts.put("default.api.timeout.ms", 8000);
        withTimeouts.put("request.timeout.ms", 4000);
        try (Admin admin = Admin.create(withTimeouts)) {
            return admin.listTopics(new ListTopicsOptions().timeoutMs(8000))
                    .names()
                    .get(10, TimeUnit.SECONDS);
        }
    }

    /** The client settings the stack wrote for its SASL_SSL broker, with its bootstrap address. */
    private static Map<String, Object> clientSettings() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(stack.runDir().resolve("kafka/tls/client.properties"))) {
            properties.load(in);
        }
        Map<String, Object> settings = new HashMap<>();
        properties.forEach((key, value) -> settings.put((String) key, value));
        settings.put("bootstrap.servers", bootstrap());
        return settings;
    }

    private static String bootstrap() {
        return "127.0.0.1:" + stack.port(Infrastructure.KAFKA);
    }

    private static String address(Infrastructure component) {
        return "http://127.0.0.1:" + stack.port(component);
    }

    /** The environment a service's process runs with, from /proc: what it was given, not what a script meant. */
    private static Map<String, String> processEnvironment(Infrastructure service) throws IOException {
        long pid = stack.pid(service.component());
        Map<String, String> environment = new HashMap<>();
        for (String entry : new String(
                        Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8)
                .split("\0")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                environment.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return environment;
    }

    private static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> settings = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                settings.put(
                        line.substring(0, equals).trim(),
                        line.substring(equals + 1).trim());
            }
        }
        return settings;
    }

    private static String bundledIssuerKeys() throws IOException {
        String toolsDir = System.getenv()
                .getOrDefault(
                        "GOVERNOR_TOOLS_DIR",
                        StackScript.repoRoot().resolve(".run/tools").toString());
        String jar = List.of(Files.readString(Path.of(toolsDir, "oidc.classpath"))
                        .trim()
                        .split(":"))
                .stream()
                .filter(entry -> entry.contains("mock-oauth2-server-"))
                .findFirst()
                .orElseThrow();
        try (ZipFile zip = new ZipFile(jar);
                InputStream keys = zip.getInputStream(zip.getEntry("mock-oauth2-server-keys.json"))) {
            return new String(keys.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static BigInteger unsigned(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }
}
