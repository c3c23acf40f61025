package dev.governor.archive.storage;

import dev.governor.archive.format.ArchiveKey;
import dev.governor.archive.format.ArchiveLines;
import dev.governor.archive.format.ArchivedRecord;
import dev.governor.archive.format.ObjectFacts;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The archived objects in the bucket: which there are for a topic, what range each holds, and their
 * records. The range comes from an object's user metadata; an object without it (a multipart upload whose
 * metadata was not yet attached when the archive stopped) is read to the end to find it.
 */
@ApplicationScoped
public class ArchivedObjects {

    private final S3AsyncClient s3;
    private final String bucket;

    public ArchivedObjects(S3AsyncClient s3, ObjectStoreConfig config) {
        this.s3 = s3;
        this.bucket = config.bucket();
    }

    /** An archived object and its size in S3 (compressed bytes). */
    public record Stored(ArchiveKey key, long size) {}

    /** The archive keys under a topic's folder, in key order. */
    public CompletableFuture<List<ArchiveKey>> list(String prefix, String topic) {
        return stored(prefix, topic)
                .thenApply(all -> all.stream().map(Stored::key).toList());
    }

    /** The archived objects under a topic's folder with their sizes, in key order. */
    public CompletableFuture<List<Stored>> stored(String prefix, String topic) {
        List<Stored> found = new ArrayList<>();
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(ArchiveKey.topicPrefix(prefix, topic)))
                .contents()
                .subscribe(object -> parse(object).ifPresent(key -> found.add(new Stored(key, object.size()))))
                .thenApply(ignored -> found);
    }

    /** What the object holds, or empty where there is no such object. */
    public CompletableFuture<Optional<ObjectFacts>> facts(ArchiveKey key) {
        return s3.headObject(b -> b.bucket(bucket).key(key.key()))
                .thenCompose(head -> ObjectFacts.of(head.metadata())
                        .map(facts -> CompletableFuture.completedFuture(Optional.of(facts)))
                        .orElseGet(() -> readFacts(key).thenApply(Optional::of)))
                .exceptionallyCompose(failure -> Bucket.isMissing(failure)
                        ? CompletableFuture.completedFuture(Optional.empty())
                        : CompletableFuture.failedFuture(failure));
    }

    /** Calls {@code each} with every record of the object, in order. Blocking: call it from a worker thread. */
    public void read(ArchiveKey key, Consumer<ArchivedRecord> each) {
        InputStream content = s3.getObject(
                        b -> b.bucket(bucket).key(key.key()), AsyncResponseTransformer.toBlockingInputStream())
                .join();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(content, 64 * 1024), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isEmpty()) {
                    each.accept(ArchiveLines.decode(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + key, e);
        }
    }

    private CompletableFuture<ObjectFacts> readFacts(ArchiveKey key) {
        return CompletableFuture.supplyAsync(() -> {
            long[] range = {-1, -1, 0};
            read(key, record -> {
                if (range[0] < 0) {
                    range[0] = record.offset();
                }
                range[1] = record.offset();
                range[2]++;
            });
            return new ObjectFacts(range[0], range[1], range[2]);
        });
    }

    private static Optional<ArchiveKey> parse(S3Object object) {
        return ArchiveKey.parse(object.key());
    }
}
