package dev.governor.delivery;

import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStackResource;
import dev.governor.testsupport.ServiceReadinessContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@NeedsStack
@QuarkusTest
@WithTestResource(
        value = PrivateStackResource.class,
        initArgs = @ResourceArg(name = "components", value = "kafka,redis,simulator,oidc"))
class DeliveryReadinessTest extends ServiceReadinessContract {

    @Override
    protected List<String> linkChecks() {
        return List.of("kafka", "redis");
    }

    @Override
    protected String openApiTitle() {
        return "Governor delivery API";
    }
}
