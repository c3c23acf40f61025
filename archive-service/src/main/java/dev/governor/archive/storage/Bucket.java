package dev.governor.archive.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** One bucket, for the service's own objects (restore jobs, snapshots): put, get, list by prefix, delete. */
public final class Bucket {

    private final S3AsyncClient s3;
    private final String bucket;

    Bucket(S3AsyncClient s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public String name() {
        return bucket;
    }

    public CompletableFuture<Void> put(String key, byte[] content, String contentType) {
        return s3.putObject(
                        b -> b.bucket(bucket).key(key).contentType(contentType), AsyncRequestBody.fromBytes(content))
                .thenRun(() -> {});
    }

    /** The object's content, or empty when there is none. */
    public CompletableFuture<Optional<byte[]>> get(String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toBytes())
                .thenApply(bytes -> Optional.of(bytes.asByteArray()))
                .exceptionallyCompose(failure -> isMissing(failure)
                        ? CompletableFuture.completedFuture(Optional.empty())
                        : CompletableFuture.failedFuture(failure));
    }

    /** The keys under a prefix, in key order. */
    public CompletableFuture<List<String>> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                .contents()
                .subscribe(object -> keys.add(object.key()))
                .thenApply(ignored -> keys);
    }

    public CompletableFuture<Void> delete(String key) {
        return s3.deleteObject(b -> b.bucket(bucket).key(key)).thenRun(() -> {});
    }

    /** Creates the bucket unless it is there already. */
    public CompletableFuture<Void> create() {
        return s3.createBucket(b -> b.bucket(bucket)).thenRun(() -> {}).exceptionallyCompose(failure -> {
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return cause instanceof BucketAlreadyOwnedByYouException || cause instanceof BucketAlreadyExistsException
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(cause);
        });
    }

    static boolean isMissing(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof NoSuchKeyException || (cause instanceof S3Exception s3 && s3.statusCode() == 404);
    }
}
