package dev.governor.ingress;

import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.LinkLossContract;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The ingress must not take traffic while it cannot reach Kafka or Redis, and must recover on its own. */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = PrivateStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,oidc"))
class IngressLinkLossTest extends LinkLossContract {

    IngressLinkLossTest() {
        super(Infrastructure.REDIS, Infrastructure.KAFKA);
    }
}
