package dev.governor.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import dev.governor.common.GovernorHeaders;
import dev.governor.common.topic.Topics;
import dev.governor.testsupport.CallerTokens;
import dev.governor.testsupport.CloudEventRecords;
import dev.governor.testsupport.RedisTopology;
import dev.governor.testsupport.SimulatedOrg;
import dev.governor.testsupport.TopicReader;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's demo, run as a user runs it (deploy/local/demo, on a stack of its own), with its summary
 * checked against the simulated org's inspection API and the dead-letter topic.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {

    private static final String[] PORTS = {
        "GOVERNOR_KAFKA_PORT",
        "GOVERNOR_KAFKA_CONTROLLER_PORT",
        "GOVERNOR_REDIS_PORT",
        "GOVERNOR_S3_PORT",
        "GOVERNOR_OIDC_PORT",
        "GOVERNOR_MQTT_PORT",
        "GOVERNOR_SIMULATOR_PORT",
        "GOVERNOR_SIMULATOR_PUBSUB_PORT",
        "GOVERNOR_INGRESS_PORT",
        "GOVERNOR_DELIVERY_PORT",
        "GOVERNOR_EVENT_BRIDGE_PORT",
        "GOVERNOR_ARCHIVE_PORT",
        "GOVERNOR_INGRESS_MANAGEMENT_PORT",
        "GOVERNOR_DELIVERY_MANAGEMENT_PORT",
        "GOVERNOR_EVENT_BRIDGE_MANAGEMENT_PORT",
        "GOVERNOR_ARCHIVE_MANAGEMENT_PORT",
        "GOVERNOR_PROMETHEUS_PORT"
    };

    private static final Map<String, String> ENVIRONMENT = new HashMap<>();
    private static Path runDir;
    private static Path repoRoot;
    private static JsonPath summary;
    private static String output;

    @BeforeAll
    static void runTheDemo() throws IOException, InterruptedException {
        repoRoot = Path.of("").toAbsolutePath().getParent();
        runDir = Files.createTempDirectory("governor-private-stack-demo");
        ENVIRONMENT.put("GOVERNOR_RUN_DIR", runDir.toString());
        Set<Integer> taken = new HashSet<>();
        for (String port : PORTS) {
            int free = freePort();
            while (!taken.add(free)) { // the system may hand a port out twice: each component needs its own
                free = freePort();
            }
            ENVIRONMENT.put(port, Integer.toString(free));
        }
        // On a Redis Cluster (GOVERNOR_REDIS_TOPOLOGY=cluster), five more nodes and the six nodes' buses.
        RedisTopology.choosePorts(Integer.parseInt(ENVIRONMENT.get("GOVERNOR_REDIS_PORT")), ENVIRONMENT, () -> {
            try {
                int free = freePort();
                while (!taken.add(free)) {
                    free = freePort();
                }
                return free;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // Before the demo, as in production: a counter's rise is seen only from its first scrape on.
        stackCommand("up", "prometheus");
        Path summaryFile = runDir.resolve("summary.json");
        Path log = runDir.resolve("demo.log");
        ProcessBuilder demo = new ProcessBuilder("deploy/local/demo", "--keep", "records=150", "summary=" + summaryFile)
                .directory(repoRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        demo.environment().putAll(ENVIRONMENT);
        Process process = demo.start();
        boolean finished = process.waitFor(8, TimeUnit.MINUTES);
        output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(finished).as("the demo finished within 8 minutes").isTrue();
        assertThat(process.exitValue()).as("the demo's exit code").isZero();
        summary = JsonPath.from(Files.readString(summaryFile, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopTheStack() throws IOException, InterruptedException {
        ProcessBuilder down = new ProcessBuilder("deploy/local/stack", "down")
                .directory(repoRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        down.environment().putAll(ENVIRONMENT);
        down.start().waitFor(3, TimeUnit.MINUTES);
    }

    private static String simulator(String path) {
        return "http://127.0.0.1:" + ENVIRONMENT.get("GOVERNOR_SIMULATOR_PORT") + path;
    }

    @Test
    void theSummaryIsWhatTheOrgAndTheDeadLetterTopicSay() {
        String run = summary.getString("run");
        List<Map<String, Object>> ofRun = SimulatedOrg.records(simulator(""), "Account", "External_Id__c", run + "-");
        List<Map<String, Object>> cases = SimulatedOrg.records(simulator(""), "Case", "Subject", run + " ");
        List<ConsumerRecord<String, String>> deadLetters = new TopicReader(
                        "127.0.0.1:" + ENVIRONMENT.get("GOVERNOR_KAFKA_PORT"))
                .collect(
                        Topics.RECORDS_DEAD_LETTER,
                        r -> r.key().startsWith("account:external_id__c:" + run.toLowerCase() + "-"));

        assertThat(summary.getInt("unsettled")).isZero();
        assertThat(ofRun).as("every valid account is in the org").hasSize(150);
        assertThat(ofRun)
                .allSatisfy(a -> assertThat(((Number) a.get("creates")).intValue())
                        .as("created once")
                        .isEqualTo(1));
        assertThat(cases)
                .as("one Case per webhook delivery, re-deliveries deduplicated")
                .hasSize(20);
        assertThat(summary.getInt("deadLettered")).isEqualTo(deadLetters.size()).isEqualTo(20);
        assertThat(summary.getInt("refusedAtTheDoor"))
                .as("invalid names and over-long values, refused before Kafka")
                .isEqualTo(20);
        Map<String, Integer> byReason = new HashMap<>();
        deadLetters.forEach(
                d -> byReason.merge(CloudEventRecords.headers(d).get(GovernorHeaders.ERROR_CODE), 1, Integer::sum));
        assertThat(summary.<String, Integer>getMap("deadLetteredByReason")).isEqualTo(byReason);
        assertThat(summary.getInt("delivered") + summary.getInt("superseded") + summary.getInt("deadLettered"))
                .isEqualTo(summary.getInt("accepted"));
        assertThat(summary.getInt("delivered") + summary.getInt("superseded"))
                .as("150 accounts, 50 updates, 20 cases")
                .isEqualTo(220);
        assertThat(summary.getInt("duplicatesPrevented"))
                .as("retried requests and re-delivered webhooks")
                .isGreaterThanOrEqualTo(60);
        JsonPath stats =
                given().get(simulator("/simulator/stats")).then().extract().jsonPath();
        assertThat(summary.getInt("apiCalls")).isPositive().isLessThanOrEqualTo(stats.getInt("apiCalls"));
        assertThat(summary.getInt("collectionCalls")).isLessThanOrEqualTo(stats.getInt("callsByEndpoint.collections"));
        assertThat(output)
                .contains(
                        "writes accepted (202)",
                        "duplicates prevented",
                        "dead-lettered",
                        "records per call",
                        "end-to-end latency");
    }

    @Test
    void theEventsSummaryIsWhatTheOrgAndTheBridgesDeadLetterTopicSay() {
        String run = summary.getString("run");
        List<Map<String, Object>> events = given().queryParam("limit", 100000)
                .get(simulator("/simulator/events/Order_Event__e"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("events.payload");
        Map<String, Integer> bySourceId = new HashMap<>();
        for (Map<String, Object> payload : events) {
            Object id = payload == null ? null : payload.get("Source_Event_Id__c");
            if (id != null && id.toString().startsWith(run)) {
                bySourceId.merge(id.toString(), 1, Integer::sum);
            }
        }
        assertThat(summary.getInt("events.missing")).isZero();
        assertThat(bySourceId.values()).as("each source event once in the org").containsOnly(1);
        assertThat(summary.getInt("events.publishedOnce"))
                .isEqualTo(bySourceId.size())
                .isEqualTo(195);
        assertThat(summary.getInt("events.duplicatesSkipped")).isEqualTo(20);
        List<ConsumerRecord<String, String>> dead = new TopicReader(
                        "127.0.0.1:" + ENVIRONMENT.get("GOVERNOR_KAFKA_PORT"))
                .collect(
                        "governor.events.dlq.v1",
                        r -> r.key() != null && r.key().contains(run));
        assertThat(summary.getInt("events.deadLettered")).isEqualTo(dead.size()).isEqualTo(5);
        assertThat(summary.getInt("events.platformEventsIn")).isGreaterThanOrEqualTo(195);
        assertThat(summary.getInt("events.changeEventsIn")).isPositive();
        assertThat(output).contains("events out", "events in");
    }

    @Test
    void theArchiveHoldsEveryTopicWholeWhenTheDemoEnds() {
        assertThat(summary.getBoolean("archive.ok")).isTrue();
        assertThat(summary.getInt("archive.pending")).isZero();
        assertThat(summary.getInt("archive.objects")).isPositive();
        // every accepted write is on the records topic, and each has an outcome: the archive has at least both
        assertThat(summary.getLong("archive.records")).isGreaterThanOrEqualTo(2L * summary.getInt("accepted"));
        assertThat(output).contains("archived");
    }

    @Test
    void readsAreServedFromTheCacheAndAChangeMadeInTheOrgIsServedFreshByRecordAndQuery() {
        assertThat(summary.getInt("reads.served")).isEqualTo(520);
        assertThat(summary.getInt("reads.apiCalls"))
                .as("one call per record read, one for the query")
                .isBetween(1, 51);
        assertThat(summary.getInt("reads.callsSaved")).isGreaterThanOrEqualTo(469);
        // concurrent misses of one record share its call, and each of them answers MISS
        assertThat(summary.getInt("reads.hits") + summary.getInt("reads.misses"))
                .isEqualTo(520);
        assertThat(summary.getInt("reads.hits")).isPositive();
        assertThat(summary.getInt("reads.freshAfterChangeMs"))
                .as("milliseconds from a change in the org to the ingress serving it")
                .isBetween(1, 15_000);
        assertThat(summary.getInt("reads.queryFreshAfterChangeMs"))
                .as("milliseconds from that change to a cached query over its object serving it")
                .isBetween(1, 15_000);
        assertThat(output).contains("reads", "saved", "by a query over its object");
    }

    @Test
    void anOrgSnapshotIsTakenWithEveryAccountTheDemoWrote() {
        assertThat(summary.getString("snapshot.state")).isEqualTo("DONE");
        List<Map<String, Object>> accounts = SimulatedOrg.records(simulator(""), "Account", "External_Id__c", "");
        assertThat(summary.getLong("snapshot.objects.Account")).isEqualTo(accounts.size());
        assertThat(summary.getLong("snapshot.apiCalls")).isPositive();
        assertThat(output).contains("org snapshot");
    }

    /**
     * A real Prometheus scraping the demo's stack holds every metric an alert reads, answers every query of
     * every dashboard panel with data, and the faults the demo made or this test makes fire their alerts: the
     * demo's dead letters, then the org's daily allocation spent down to the reserve. Runs last: delivery,
     * once it meets the spent day, holds writes until its next look at the org's usage (a minute), which the
     * restores would wait for.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void prometheusHoldsEveryMetricTheAlertsReadAndTheFaultsFireTheirAlerts() throws Exception {
        LocalPrometheus prometheus = new LocalPrometheus(Integer.parseInt(ENVIRONMENT.get("GOVERNOR_PROMETHEUS_PORT")));
        Set<String> read = new java.util.TreeSet<>();
        AlertRules.expressions(repoRoot.resolve("deploy/monitoring/prometheus/governor.rules.yaml"))
                .values()
                .forEach(expression -> read.addAll(AlertRules.metricNames(expression)));
        Awaitility.await("every service and the simulator scraped")
                .atMost(Duration.ofSeconds(60))
                .until(() -> prometheus.seriesOf("up == 1") == 5);
        Awaitility.await("every metric an alert reads")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(prometheus.metricNames()).containsAll(read));
        // Consumer lag from every consuming service, the archive's own consumer too: the lag alert reads it.
        Awaitility.await("every consumer's lag")
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(List.of("governor-delivery", "governor-archive", "governor-ingress"))
                        .allSatisfy(service -> assertThat(prometheus.seriesOf(
                                        "kafka_consumer_fetch_manager_records_lag{service=\"" + service + "\"}"))
                                .as(service)
                                .isPositive()));
        // Every panel of every dashboard shows data: no panel asks for a metric or label that is not there.
        Map<String, String> panels = Dashboards.expressions(repoRoot.resolve("deploy/monitoring/grafana"));
        assertThat(panels).hasSizeGreaterThan(40);
        Awaitility.await("every dashboard panel answered")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(panels.entrySet().stream()
                                .filter(panel -> prometheus.seriesOf(panel.getValue()) == 0)
                                .map(Map.Entry::getKey))
                        .isEmpty());
        Awaitility.await("the demo's dead letters alerted")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(prometheus.firing("GovernorDeadLettersGrowing"))
                        .extracting(labels -> labels.get("service"))
                        .contains("governor-delivery"));

        long max = JsonPath.from(given().get(simulator("/simulator/limits")).asString())
                .getLong("dailyApiRequests.max");
        long used = JsonPath.from(given().get(simulator("/simulator/limits")).asString())
                .getLong("dailyApiRequests.used");
        // Five calls from the end of the day: five reads spend it past the reserve line, whatever the org had
        // used (the snapshot restore before this test starts the org's day anew).
        setDailyApiRequests(used + 5);
        try {
            for (int call = 1; call <= 5; call++) {
                readAMissingRecord(call);
            }
            Awaitility.await("the spent budget alerted")
                    .atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(prometheus.firing("GovernorBudgetReserveReached"))
                            .isNotEmpty());
        } finally {
            setDailyApiRequests(max);
        }
    }

    /**
     * A read the cache cannot answer (a record never written, named anew each time: the cache keeps a miss
     * too): a counted call, whose Sforce-Limit-Info the governor learns from.
     */
    private void readAMissingRecord(int which) throws IOException {
        String token = CallerTokens.fresh(
                "dashboard",
                Integer.parseInt(ENVIRONMENT.get("GOVERNOR_OIDC_PORT")),
                CallerTokens.secretOf("dashboard", runDir.resolve("credentials")));
        given().baseUri("http://127.0.0.1:" + ENVIRONMENT.get("GOVERNOR_INGRESS_PORT"))
                .auth()
                .oauth2(token)
                .get("/v1/sobjects/Account/External_Id__c/no-such-" + which + "-" + summary.getString("run"))
                .then()
                // 503 when another call of the org's has already reported the spent day to the governor
                .statusCode(anyOf(is(404), is(503)));
    }

    private static void setDailyApiRequests(long max) {
        given().contentType("application/json")
                .body(Map.of("dailyApiRequests", max))
                .put(simulator("/simulator/limits"))
                .then()
                .statusCode(200);
    }

    private static void stackCommand(String... args) throws IOException, InterruptedException {
        runScript("deploy/local/stack", 90, args);
    }

    /**
     * After the demo: the whole records topic restored from the archive into itself, with the archive's command,
     * and re-delivered, leaves every record of the run as it was, field by field, created once.
     */
    @Test
    @Order(Integer.MAX_VALUE - 2)
    void aRestoredRangeOfRecordWritesReDeliveredLeavesTheOrgAsItWas() throws Exception {
        String run = summary.getString("run");
        Map<String, Map<String, Object>> before =
                SimulatedOrg.recordsByExternalId(simulator(""), "Account", "External_Id__c", run + "-");
        TopicReader reader = new TopicReader("127.0.0.1:" + ENVIRONMENT.get("GOVERNOR_KAFKA_PORT"));
        int outcomesBefore = reader.collect(Topics.OUTCOMES, r -> true).size();

        JsonPath started = JsonPath.from(archiveCommand("restore", "{\"topic\": \"" + Topics.RECORDS + "\"}"));
        String id = started.getString("id");
        long restored = started.getLong("records");
        assertThat(restored).isGreaterThanOrEqualTo(summary.getInt("accepted"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonPath job = started;
        while (!"DONE".equals(job.getString("state")) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            job = JsonPath.from(archiveCommand("restores", id));
        }
        assertThat(job.getString("state")).isEqualTo("DONE");
        assertThat(job.getLong("recordsRestored")).isEqualTo(restored);
        // every restored write settles once more (an outcome each) before the org is compared
        while (reader.collect(Topics.OUTCOMES, r -> true).size() < outcomesBefore + restored
                && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        assertThat(reader.collect(Topics.OUTCOMES, r -> true))
                .hasSizeGreaterThanOrEqualTo((int) (outcomesBefore + restored));

        Map<String, Map<String, Object>> after =
                SimulatedOrg.recordsByExternalId(simulator(""), "Account", "External_Id__c", run + "-");
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (Map.Entry<String, Map<String, Object>> record : before.entrySet()) {
            assertThat(after.get(record.getKey()).get("fields"))
                    .as("record %s after the restore", record.getKey())
                    .isEqualTo(record.getValue().get("fields"));
            assertThat(after.get(record.getKey()).get("creates"))
                    .isEqualTo(record.getValue().get("creates"));
        }
    }

    /**
     * Last but one: the org as its snapshots saw it — the demo's accounts, and contacts of theirs another client
     * of the org created, changed and deleted between the demo's full snapshot and an incremental one — wiped
     * (the simulator reset) and put back with the archive's command: every record equal field by field, its
     * references pointing at their records' new Ids, and the Id map naming each one.
     */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void anOrgWipedAndRestoredFromItsSnapshotsIsTheOrgItWas() throws Exception {
        List<String> objects = List.of("Account", "Contact");
        String token = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", "governor-local-consumer-key")
                .formParam("client_secret", "governor-local-consumer-secret")
                .post(simulator("/services/oauth2/token"))
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        Map<String, String> accounts = OrgImage.of(simulator(""), objects).ids("Account");
        StringBuilder contacts = new StringBuilder();
        int n = 0;
        for (Map.Entry<String, String> account : accounts.entrySet()) {
            if (n++ == 30) {
                break;
            }
            contacts.append(n == 1 ? "" : ",")
                    .append("{\"attributes\": {\"type\": \"Contact\"}, \"External_Id__c\": \"CONTACT-" + n + "\", ")
                    .append("\"LastName\": \"Lee " + n + "\", \"AccountId\": \"" + account.getValue() + "\", ")
                    .append("\"HasOptedOutOfEmail\": " + (n % 2 == 0))
                    .append(n % 3 == 0 ? ", \"Email\": \"lee" + n + "@example.com\"}" : "}");
        }
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"allOrNone\": true, \"records\": [" + contacts + "]}")
                .patch(simulator("/services/data/v63.0/composite/sobjects/Contact/External_Id__c"))
                .then()
                .statusCode(200);
        String deleted = OrgImage.of(simulator(""), objects).ids("Contact").get("CONTACT-7");
        given().auth()
                .oauth2(token)
                .delete(simulator("/services/data/v63.0/sobjects/Contact/" + deleted))
                .then()
                .statusCode(204);
        String incremental =
                JsonPath.from(archiveCommand("snapshot", "incremental")).getString("id");
        JsonPath snapshot = awaitState("snapshots", incremental, "DONE");
        assertThat(snapshot.getString("kind")).isEqualTo("INCREMENTAL");
        OrgImage before = OrgImage.of(simulator(""), objects);
        assertThat(before.records("Contact")).isEqualTo(29);

        given().post(simulator("/simulator/reset")).then().statusCode(200);
        assertThat(OrgImage.of(simulator(""), objects).records("Account")).isZero();
        String restore = JsonPath.from(archiveCommand("restore-org")).getString("id");
        JsonPath report = awaitState("org-restores", restore, "DONE");

        assertThat(report.getList("snapshots")).hasSize(2).last().isEqualTo(incremental);
        assertThat(report.getList("objects.object")).containsExactly("Account", "Contact");
        for (String object : objects) {
            String path = "objects.find { it.object == '" + object + "' }.";
            assertThat(report.getLong(path + "created")).as(object + " created").isEqualTo(before.records(object));
            assertThat(report.getLong(path + "failed")
                            + report.getLong(path + "skipped")
                            + report.getLong(path + "unsettled"))
                    .isZero();
        }
        OrgImage after = OrgImage.of(simulator(""), objects);
        before.assertSameRecordsAs(after);
        List<String> idMap = archiveCommand("id-map", restore)
                .lines()
                .skip(1)
                .filter(line -> !line.isBlank())
                .toList();
        assertThat(idMap).hasSize(before.records("Account") + before.records("Contact"));
        for (String line : idMap) {
            List<String> cells = List.of(line.replace("\"", "").split(","));
            assertThat(before.ids(cells.get(0)).get(cells.get(3))).as(line).isEqualTo(cells.get(1));
            assertThat(after.ids(cells.get(0)).get(cells.get(3))).as(line).isEqualTo(cells.get(2));
        }
    }

    /** Polls one of the archive command's listings until the item is in the state; answers it then. */
    private static JsonPath awaitState(String listing, String id, String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        JsonPath item = JsonPath.from(archiveCommand(listing, id));
        while (!state.equals(item.getString("state")) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            item = JsonPath.from(archiveCommand(listing, id));
        }
        assertThat(item.getString("state")).as(item.prettify()).isEqualTo(state);
        return item;
    }

    /** Runs deploy/local/archive against the demo's stack; answers what it printed. */
    private static String archiveCommand(String... args) throws IOException, InterruptedException {
        return runScript("deploy/local/archive", 60, args);
    }

    /** Runs one of the repository's scripts against the demo's stack; answers what it printed. */
    private static String runScript(String script, int timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(script));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(repoRoot.toFile()).redirectErrorStream(true);
        builder.environment().putAll(ENVIRONMENT);
        Process process = builder.start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
        return printed;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
