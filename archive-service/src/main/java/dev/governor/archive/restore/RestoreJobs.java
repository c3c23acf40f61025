package dev.governor.archive.restore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.archive.storage.Bucket;
import dev.governor.archive.storage.Buckets;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/** Restore jobs kept in the bucket, one JSON object each: {@code <prefix>/<id>.json}. */
@ApplicationScoped
public class RestoreJobs {

    private static final Logger LOG = Logger.getLogger(RestoreJobs.class);

    private final Bucket store;
    private final ObjectMapper json;
    private final String prefix;

    RestoreJobs(Buckets buckets, ObjectMapper json, RestoreConfig config) {
        this.store = buckets.archive();
        this.json = json;
        this.prefix = config.prefix() + "/";
    }

    CompletableFuture<Void> save(RestoreJob job) {
        try {
            return store.put(prefix + job.id() + ".json", json.writeValueAsBytes(job), "application/json");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    CompletableFuture<Optional<RestoreJob>> find(String id) {
        return store.get(prefix + id + ".json").thenApply(content -> content.map(this::read));
    }

    /** Every restore, newest first. */
    CompletableFuture<List<RestoreJob>> all() {
        return store.keys(prefix).thenCompose(keys -> {
            List<CompletableFuture<Optional<byte[]>>> reads = keys.stream()
                    .filter(k -> k.endsWith(".json"))
                    .map(store::get)
                    .toList();
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                    .thenApply(ignored -> {
                        List<RestoreJob> jobs = new ArrayList<>();
                        for (CompletableFuture<Optional<byte[]>> read : reads) {
                            read.join().ifPresent(content -> {
                                try {
                                    jobs.add(read(content));
                                } catch (UncheckedIOException e) {
                                    LOG.warnf("A restore job file that is not one: %s", e.getMessage());
                                }
                            });
                        }
                        jobs.sort(Comparator.comparing(RestoreJob::createdAt).reversed());
                        return jobs;
                    });
        });
    }

    private RestoreJob read(byte[] content) {
        try {
            return json.readValue(content, RestoreJob.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
