package dev.governor.archive;

import dev.governor.testsupport.Infrastructure;
import dev.governor.testsupport.LinkLossContract;
import dev.governor.testsupport.NeedsStack;
import dev.governor.testsupport.PrivateStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Stops archiving while Kafka or the object store is away and recovers on its own when they return. */
@NeedsStack
@QuarkusTest
@WithTestResource(value = PrivateStackResource.class, initArgs = @ResourceArg(name = "components", value = "kafka,s3"))
class ArchiveLinkLossTest extends LinkLossContract {

    ArchiveLinkLossTest() {
        super(Infrastructure.S3, Infrastructure.KAFKA);
    }
}
