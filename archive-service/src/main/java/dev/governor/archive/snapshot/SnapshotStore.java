package dev.governor.archive.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.archive.storage.Bucket;
import dev.governor.archive.storage.Buckets;
import dev.governor.archive.storage.ObjectStoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Snapshots in their dedicated bucket: {@code snapshots/<id>/manifest.json} and, per object, gzip CSV parts
 * {@code snapshots/<id>/<Object>/part-00001.csv.gz}, each exactly one page of Salesforce's CSV results.
 * Blocking: called from the snapshot's own thread.
 */
@ApplicationScoped
public class SnapshotStore {

    static final String PREFIX = "snapshots/";

    private final Bucket bucket;
    private final ObjectMapper json;
    private final boolean createBucket;
    private volatile boolean bucketReady;

    SnapshotStore(Buckets buckets, ObjectMapper json, ObjectStoreConfig config) {
        this.bucket = buckets.snapshots();
        this.json = json;
        this.createBucket = config.createBucket();
    }

    static String partKey(String snapshot, String object, int number) {
        return String.format("%s%s/%s/part-%05d.csv.gz", PREFIX, snapshot, object, number);
    }

    void save(SnapshotManifest manifest) {
        ready();
        try {
            bucket.put(PREFIX + manifest.id() + "/manifest.json", json.writeValueAsBytes(manifest), "application/json")
                    .join();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<SnapshotManifest> find(String id) {
        return bucket.get(PREFIX + id + "/manifest.json").join().map(this::read);
    }

    /** Every snapshot, newest first. */
    public List<SnapshotManifest> all() {
        ready();
        List<SnapshotManifest> manifests = new ArrayList<>();
        for (String key : bucket.keys(PREFIX).join()) {
            if (key.endsWith("/manifest.json")) {
                bucket.get(key).join().map(this::read).ifPresent(manifests::add);
            }
        }
        manifests.sort(Comparator.comparing(SnapshotManifest::startedAt).reversed());
        return manifests;
    }

    /** Writes a results page as a gzip part; answers the part with its size and SHA-256. */
    SnapshotManifest.Part putPart(String key, String csv, long records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(csv.length() / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(csv.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] content = bytes.toByteArray();
        bucket.put(key, content, "application/gzip").join();
        return new SnapshotManifest.Part(key, records, content.length, sha256(content));
    }

    /** A part's CSV, read back. */
    public String readPart(String key) {
        byte[] content = bucket.get(key).join().orElseThrow(() -> new IllegalStateException(key + " is missing"));
        try (var gzip = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(content))) {
            return new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of a part's bytes as they are in the bucket. */
    String sha256OfPart(String key) {
        return sha256(bucket.get(key).join().orElseThrow(() -> new IllegalStateException(key + " is missing")));
    }

    /** Deletes a snapshot: its parts, then its manifest. */
    void deleteSnapshot(String id) {
        String manifest = PREFIX + id + "/manifest.json";
        for (String key : bucket.keys(PREFIX + id + "/").join()) {
            if (!key.equals(manifest)) {
                bucket.delete(key).join();
            }
        }
        bucket.delete(manifest).join();
    }

    void delete(String key) {
        bucket.delete(key).join();
    }

    private void ready() {
        if (!bucketReady && createBucket) {
            bucket.create().join();
        }
        bucketReady = true;
    }

    private SnapshotManifest read(byte[] content) {
        try {
            return json.readValue(content, SnapshotManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
