package dev.governor.archive.storage;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Ready only while the archive bucket answers (a signed HeadBucket, so wrong credentials show as DOWN
 * too). Where {@code governor.s3.create-bucket} is on, a missing bucket is created here, idempotently.
 */
@Readiness
@ApplicationScoped
public class ObjectStoreReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "Object store";

    private final S3AsyncClient s3;
    private final ObjectStoreConfig config;

    public ObjectStoreReadinessCheck(S3AsyncClient s3, ObjectStoreConfig config) {
        this.s3 = s3;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return headBucket()
                .onFailure(ObjectStoreReadinessCheck::isMissingBucket)
                .recoverWithUni(failure -> createBucketIfAllowed(failure))
                .map(ignored -> HealthCheckResponse.named(NAME)
                        .up()
                        .withData("bucket", config.bucket())
                        .build())
                .onFailure()
                .recoverWithItem(failure -> HealthCheckResponse.named(NAME)
                        .down()
                        .withData("bucket", config.bucket())
                        .withData("reason", String.valueOf(unwrap(failure).getMessage()))
                        .build());
    }

    private Uni<Void> headBucket() {
        return Uni.createFrom()
                .completionStage(() -> s3.headBucket(b -> b.bucket(config.bucket())))
                .replaceWithVoid();
    }

    private Uni<Void> createBucketIfAllowed(Throwable missing) {
        if (!config.createBucket()) {
            return Uni.createFrom().failure(missing);
        }
        return Uni.createFrom()
                .completionStage(() -> s3.createBucket(b -> b.bucket(config.bucket())))
                .replaceWithVoid()
                .onFailure(f -> unwrap(f) instanceof BucketAlreadyOwnedByYouException)
                .recoverWithItem((Void) null);
    }

    private static boolean isMissingBucket(Throwable failure) {
        return unwrap(failure) instanceof NoSuchBucketException;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
