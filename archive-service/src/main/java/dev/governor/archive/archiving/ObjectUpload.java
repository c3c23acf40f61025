package dev.governor.archive.archiving;

import dev.governor.archive.format.ObjectFacts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One archived object going up to S3. Small objects are one PutObject with their facts in the user
 * metadata. Larger ones are a multipart upload, part by part as the object fills, so they never sit whole
 * in memory; their facts (known only at the end) are attached after completion by copying the object onto
 * itself with new metadata. Every step is tried until it succeeds; an upload S3 no longer knows
 * ({@code NoSuchUpload}) fails the object with {@link UploadLost}, and the archiver reads its records again.
 */
final class ObjectUpload {

    static final String CONTENT_TYPE = "application/gzip";

    private final S3AsyncClient s3;
    private final String bucket;
    private final String key;
    private final ArchiveConfig.Upload settings;
    private final UploadHealth health;
    // Filled in by the S3 client's threads as parts are confirmed, read once all are.
    private final List<CompletedPart> parts = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong held = new AtomicLong();
    private volatile boolean abandoned;
    private CompletableFuture<String> uploadId;
    private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);

    ObjectUpload(S3AsyncClient s3, String bucket, String key, ArchiveConfig.Upload settings, UploadHealth health) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.settings = settings;
        this.health = health;
    }

    String key() {
        return key;
    }

    /** Compressed bytes given to this upload and not yet confirmed by S3. */
    long heldBytes() {
        return held.get();
    }

    /** Sends a full part (the object goes up as a multipart upload from its first part on). */
    void part(byte[] bytes) {
        if (uploadId == null) {
            uploadId = retried(() -> s3.createMultipartUpload(
                            b -> b.bucket(bucket).key(key).contentType(CONTENT_TYPE))
                    .thenApply(r -> r.uploadId()));
        }
        held.addAndGet(bytes.length);
        int number = parts.size() + 1;
        parts.add(null);
        chain = chain.thenCompose(ignored -> uploadId)
                .thenCompose(id -> retried(() -> s3.uploadPart(
                        b -> b.bucket(bucket).key(key).uploadId(id).partNumber(number),
                        AsyncRequestBody.fromBytes(bytes))))
                .thenAccept(answer -> {
                    parts.set(
                            number - 1,
                            CompletedPart.builder()
                                    .partNumber(number)
                                    .eTag(answer.eTag())
                                    .build());
                    held.addAndGet(-bytes.length);
                });
    }

    /** Sends the object's last bytes and completes it with its facts; done once S3 has all of it. */
    CompletableFuture<Void> complete(byte[] last, ObjectFacts facts) {
        held.addAndGet(last.length);
        if (uploadId == null) {
            return retried(() -> s3.putObject(
                            b -> b.bucket(bucket)
                                    .key(key)
                                    .contentType(CONTENT_TYPE)
                                    .metadata(facts.metadata()),
                            AsyncRequestBody.fromBytes(last)))
                    .thenRun(() -> held.addAndGet(-last.length));
        }
        held.addAndGet(-last.length);
        if (last.length > 0) {
            part(last);
        }
        return chain.thenCompose(ignored -> uploadId)
                .thenCompose(id -> retried(() -> s3.completeMultipartUpload(b ->
                        b.bucket(bucket).key(key).uploadId(id).multipartUpload(m -> m.parts(new ArrayList<>(parts))))))
                .thenCompose(ignored -> retried(() -> s3.copyObject(b -> b.sourceBucket(bucket)
                        .sourceKey(key)
                        .destinationBucket(bucket)
                        .destinationKey(key)
                        .contentType(CONTENT_TYPE)
                        .metadataDirective(MetadataDirective.REPLACE)
                        .metadata(facts.metadata()))))
                .thenRun(() -> {});
    }

    /** Gives the object up (its partition moved, or its records will be read again); S3 drops its parts. */
    void abandon() {
        abandoned = true;
        if (uploadId != null) {
            uploadId.thenAccept(
                    id -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id)));
        }
    }

    private <T> CompletableFuture<T> retried(Supplier<CompletableFuture<T>> call) {
        return Retrying.call(
                        call,
                        ObjectUpload::isLostUpload,
                        () -> abandoned,
                        settings.backoff(),
                        settings.maxBackoff(),
                        health::failed)
                .handle((value, failure) -> {
                    if (failure == null) {
                        health.succeeded();
                        return value;
                    }
                    Throwable cause = Retrying.unwrap(failure);
                    throw isLostUpload(cause) ? new UploadLost(key, cause) : new CompletionException(cause);
                });
    }

    private static boolean isLostUpload(Throwable failure) {
        return failure instanceof S3Exception s3
                && s3.awsErrorDetails() != null
                && "NoSuchUpload".equals(s3.awsErrorDetails().errorCode());
    }

    /** S3 no longer knows the multipart upload (aborted by a lifecycle rule, lost by the store). */
    static final class UploadLost extends RuntimeException {
        UploadLost(String key, Throwable cause) {
            super("the multipart upload of " + key + " is gone", cause);
        }
    }
}
