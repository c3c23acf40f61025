package dev.governor.simulator.schema;

import dev.governor.simulator.org.SObjectDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The schemas events are published in, by id. An id is the fingerprint of the schema's canonical form
 * (22 characters, as real schema ids are), so it is stable across restarts and changes exactly when the
 * object's fields change. Every schema ever issued stays resolvable: events already published keep the
 * id they were written with, and a subscriber must still be able to read them after a field is added.
 */
@ApplicationScoped
public class EventSchemas {

    /** A schema with its id. */
    public record Registered(String id, Schema schema) {}

    private final Map<String, Schema> byId = new ConcurrentHashMap<>();
    private final Map<SObjectDefinition, Registered> platformEvents = new ConcurrentHashMap<>();
    private final Map<SObjectDefinition, Registered> changeEvents = new ConcurrentHashMap<>();

    /** The current schema of a Platform Event (definitions are immutable, so one per definition). */
    public Registered platformEvent(SObjectDefinition event) {
        return platformEvents.computeIfAbsent(event, e -> register(AvroSchemas.platformEvent(e)));
    }

    /** The current schema of an object's change events. */
    public Registered changeEvent(SObjectDefinition object) {
        return changeEvents.computeIfAbsent(object, o -> register(AvroSchemas.changeEvent(o)));
    }

    public Optional<Schema> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    public static String idOf(Schema schema) {
        try {
            byte[] fingerprint = SchemaNormalization.parsingFingerprint("MD5", schema);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(fingerprint);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has MD5", e);
        }
    }

    private Registered register(Schema schema) {
        String id = idOf(schema);
        byId.putIfAbsent(id, schema);
        return new Registered(id, byId.get(id));
    }
}
