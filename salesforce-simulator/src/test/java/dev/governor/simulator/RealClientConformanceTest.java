package dev.governor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.ScriptRun;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * jsforce, a widely used Salesforce client (npm), pointed at the simulator with its defaults (API
 * version 50.0) and unchanged: OAuth, the version's resource map, describeGlobal and describe, record
 * CRUD, sObject Collections including retrieve, SOQL with relationship fields, date literals, LIKE,
 * COUNT() and NOT IN, limits, a Bulk API 2.0 query, a JSON 404 for an unknown path, and logout through
 * {@code /services/oauth2/revoke}. The checks are {@code src/test/js/client-conformance.mjs}; the first run
 * installs jsforce with {@code npm ci}.
 */
@NeedsStack
@QuarkusTest
@WithTestResource(ConnectedAppKeys.class)
class RealClientConformanceTest extends OrgConformanceTest {

    static final Path CLIENT = Path.of("src/test/js");

    @TestHTTPResource("/")
    URL simulator;

    @Test
    void jsforceWorksAgainstTheSimulatorUnchanged() throws Exception {
        if (!Files.isDirectory(CLIENT.resolve("node_modules/jsforce"))) {
            ScriptRun install = ScriptRun.of(
                    CLIENT, List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), Duration.ofMinutes(5));
            assertThat(install.exit()).as("npm ci:%n%s", install.output()).isZero();
        }
        String base = simulator.toString().replaceAll("/$", "");
        ScriptRun client = ScriptRun.of(
                CLIENT,
                List.of(
                        "node",
                        "client-conformance.mjs",
                        base,
                        ConnectedAppKeys.CONSUMER_KEY,
                        ConnectedAppKeys.CONSUMER_SECRET),
                Map.of(),
                Duration.ofMinutes(2));
        assertThat(client.output()).contains("PASS logout revokes the token");
        assertThat(client.exit())
                .as("jsforce against the simulator:%n%s", client.output())
                .isZero();
    }
}
