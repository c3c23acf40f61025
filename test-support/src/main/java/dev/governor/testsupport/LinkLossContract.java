package dev.governor.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service must stop taking work while one of its links is down and recover on its own when the link
 * comes back. Each link of a {@link PrivateStack} is stopped and restarted in turn while the service
 * runs. A service's test extends it and runs as a {@code @QuarkusTest} with {@link PrivateStackResource}.
 */
public abstract class LinkLossContract {

    @InjectPrivateStack
    protected PrivateStack stack;

    /** The root ({@code …/q/}) of the service's management interface, where its readiness is served. */
    @TestHTTPResource(value = "/", management = true)
    protected URL management;

    /** Each link's readiness check, by a fragment of its name: the check that must report DOWN without it. */
    private static final Map<Infrastructure, String> CHECK_OF = Map.of(
            Infrastructure.REDIS, "redis",
            Infrastructure.KAFKA, "kafka",
            Infrastructure.S3, "object store");

    private final List<Infrastructure> links;

    /** The links to cut, in this order. */
    protected LinkLossContract(Infrastructure... links) {
        this.links = List.of(links);
    }

    @Test
    void notReadyWhileAnyLinkIsDownAndReadyAgainOnceItReturns() {
        Readiness.awaitStatus(management, 200, Duration.ofSeconds(60));
        for (Infrastructure link : links) {
            String check = CHECK_OF.get(link);
            stack.down(link);
            JsonPath down = Readiness.awaitStatus(management, 503, Duration.ofSeconds(30));
            assertThat(Readiness.checkStatus(down, check))
                    .as("%s check while %s is down", check, link)
                    .isEqualTo("DOWN");

            stack.up(link);
            Readiness.awaitStatus(management, 200, Duration.ofSeconds(60));
        }
    }
}
