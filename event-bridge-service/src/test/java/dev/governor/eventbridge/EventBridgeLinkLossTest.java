package dev.governor.eventbridge;

import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.LinkLossContract;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Stops its work while Kafka or Redis is away and recovers on its own when they return. */
@NeedsStack
@QuarkusTest
@WithTestResource(
        value = PrivateStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis"))
class EventBridgeLinkLossTest extends LinkLossContract {

    EventBridgeLinkLossTest() {
        super(Infrastructure.REDIS, Infrastructure.KAFKA);
    }
}
