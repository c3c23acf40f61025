package dev.governor.archive.recovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.archive.storage.Bucket;
import dev.governor.archive.storage.Buckets;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Org restores' reports and Id maps, in the snapshot bucket beside the snapshots they read:
 * {@code org-restores/<id>/report.json} and {@code org-restores/<id>/id-map.csv}. Blocking.
 */
@ApplicationScoped
public class OrgRestores {

    static final String PREFIX = "org-restores/";

    private final Bucket bucket;
    private final ObjectMapper json;

    OrgRestores(Buckets buckets, ObjectMapper json) {
        this.bucket = buckets.snapshots();
        this.json = json;
    }

    void save(OrgRestore restore) {
        try {
            bucket.put(PREFIX + restore.id() + "/report.json", json.writeValueAsBytes(restore), "application/json")
                    .join();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the restore's Id map; answers its key. */
    String saveIdMap(String id, String csv) {
        String key = PREFIX + id + "/id-map.csv";
        bucket.put(key, csv.getBytes(StandardCharsets.UTF_8), "text/csv").join();
        return key;
    }

    Optional<OrgRestore> find(String id) {
        return bucket.get(PREFIX + id + "/report.json").join().map(this::read);
    }

    Optional<String> idMap(String id) {
        return bucket.get(PREFIX + id + "/id-map.csv").join().map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** Every org restore, newest first. */
    List<OrgRestore> all() {
        List<OrgRestore> restores = new ArrayList<>();
        for (String key : bucket.keys(PREFIX).join()) {
            if (key.endsWith("/report.json")) {
                bucket.get(key).join().map(this::read).ifPresent(restores::add);
            }
        }
        restores.sort(Comparator.comparing(OrgRestore::createdAt).reversed());
        return restores;
    }

    private OrgRestore read(byte[] content) {
        try {
            return json.readValue(content, OrgRestore.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
