package dev.governor.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.governor.testsupport.CallerTokens;
import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.PrivateStack;
import dev.governor.testsupport.ScriptRun;
import dev.governor.testsupport.TopicReader;
import dev.governor.testsupport.TopicWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator console in a real browser (Debian's headless Chromium, driven by playwright-core from npm)
 * against every service on a stack of its own: sign-in through the local issuer, a refused write found,
 * fixed and replayed until delivered, delivery paused and resumed, a restore watched to its end, a
 * snapshot's manifest, and a token without {@code governor:admin} that sees nothing. The browser steps are
 * {@code src/test/js/console/console.mjs}; this class starts the stack, archives the restore's source and
 * checks what the browser did from outside. Its screenshots land in {@code target/console-screenshots}.
 */
class ConsoleBrowserIT {

    private static final Path SCRIPTS = Path.of("src/test/js/console");
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String SOURCE = "governor.console-test.restore-source";
    private static final String TARGET = "governor.console-test.restore-target";
    private static final int RECORDS = 2000;

    @RegisterExtension
    static final PrivateStack stack = new PrivateStack(EnumSet.allOf(Infrastructure.class));

    @Test
    void anOperatorWorksThroughTheConsoleInABrowser() throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium)").isExecutable();
        String bootstrap = "127.0.0.1:" + stack.port(Infrastructure.KAFKA);
        archivedSource(bootstrap);

        if (!Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core"))) {
            ScriptRun install = ScriptRun.of(
                    SCRIPTS, List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), Duration.ofMinutes(5));
            assertThat(install.exit()).as("npm ci:%n%s", install.output()).isZero();
        }
        ScriptRun browser = ScriptRun.of(
                SCRIPTS,
                List.of("node", "console.mjs"),
                Map.of(
                        "CONSOLE_INGRESS_URL", url(Infrastructure.INGRESS),
                        "CONSOLE_SIMULATOR_URL", url(Infrastructure.SIMULATOR),
                        "CONSOLE_WRITER_TOKEN", CallerTokens.of("crm-sync", stack),
                        "CONSOLE_READER_TOKEN", CallerTokens.of("dashboard", stack),
                        "CONSOLE_RESTORE_SOURCE", SOURCE,
                        "CONSOLE_RESTORE_TARGET", TARGET,
                        "CONSOLE_RESTORE_RECORDS", Integer.toString(RECORDS),
                        "CONSOLE_SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString(),
                        "CONSOLE_CHROMIUM", CHROMIUM.toString()),
                Duration.ofMinutes(10));
        System.out.println(browser.output());
        assertThat(browser.exit())
                .as("the browser steps:%n%s", browser.output())
                .isZero();
        assertThat(browser.output()).contains("console: every step passed");

        assertThat(new TopicReader(bootstrap).collect(TARGET, r -> true))
                .as("the restore the browser started wrote every record")
                .hasSize(RECORDS);
        given().auth()
                .oauth2(CallerTokens.of("operator", stack))
                .get(url(Infrastructure.DELIVERY) + "/v1/admin/delivery")
                .then()
                .statusCode(200)
                .body("paused", org.hamcrest.Matchers.equalTo(false));
        assertThat(SCREENSHOTS.resolve("dead-letters.png")).isNotEmptyFile();
    }

    /** The restore's source: records on a topic of its own, once the archive holds every one of them. */
    private static void archivedSource(String bootstrap) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                        new StringSerializer(),
                        new StringSerializer())) {
            TopicWriter.create(admin, List.of(new NewTopic(SOURCE, 2, (short) 1), new NewTopic(TARGET, 2, (short) 1)));
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                records.add(new ProducerRecord<>(SOURCE, "order-" + i, "{\"n\":" + i + "}"));
            }
            TopicWriter.sendAll(producer, records);
        }
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> given().auth()
                                .oauth2(CallerTokens.of("operator", stack))
                                .queryParam("topic", SOURCE)
                                .get(url(Infrastructure.ARCHIVE) + "/v1/admin/archive/verify")
                                .jsonPath()
                                .getLong("topics[0].partitions.collect { it.records }.sum()")
                        == RECORDS);
    }

    private static String url(Infrastructure component) {
        return "http://127.0.0.1:" + stack.port(component);
    }
}
