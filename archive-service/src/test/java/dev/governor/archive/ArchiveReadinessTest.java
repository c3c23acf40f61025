package dev.governor.archive;

import dev.governor.testsupport.LocalStackResource;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.ServiceReadinessContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

@NeedsStack
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "components", value = "kafka,s3"))
class ArchiveReadinessTest extends ServiceReadinessContract {

    @Override
    protected List<String> linkChecks() {
        return List.of("kafka", "object store");
    }

    @Override
    protected String openApiTitle() {
        return "Governor archive API";
    }
}
