package dev.governor.simulator.cdc;

import dev.governor.simulator.SimulatorConfig;
import dev.governor.simulator.events.EventBus;
import dev.governor.simulator.events.Topics;
import dev.governor.simulator.org.SObjectDefinition;
import dev.governor.simulator.schema.AvroPayloads;
import dev.governor.simulator.schema.EventSchemas;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Change Data Capture: a committed transaction's changes become change events on the object's channel
 * and on {@code /data/ChangeEvents}, as a real org emits them. Creates carry every field set; updates
 * carry only the fields that changed (the rest are null) and list them in {@code changedFields}; deletes
 * carry the header alone. Beyond the overflow threshold, an object's remaining changes in the
 * transaction are told by one GAP_OVERFLOW event, and subscribers must re-read that object.
 */
@ApplicationScoped
public class ChangeEvents {

    private final EventBus bus;
    private final EventSchemas schemas;
    private final int overflowThreshold;
    private final AtomicLong commitNumbers = new AtomicLong(10_000_000_000L);

    public ChangeEvents(EventBus bus, EventSchemas schemas, SimulatorConfig config) {
        this.bus = bus;
        this.schemas = schemas;
        this.overflowThreshold = config.changeEvents().overflowThreshold();
    }

    /** What one change event says besides its header's transaction fields. */
    private record Described(
            SObjectDefinition object,
            String changeType,
            List<String> recordIds,
            long commitTimestamp,
            Map<String, Object> fields,
            List<String> changed,
            List<String> nulled) {}

    /** Publishes the transaction's change events; does nothing for one without changes to tracked objects. */
    public void publish(ChangeTransaction transaction) {
        List<Described> events = new ArrayList<>();
        Map<SObjectDefinition, Integer> perObject = new HashMap<>();
        Map<SObjectDefinition, RecordChange> overflowed = new LinkedHashMap<>();
        for (RecordChange change : transaction.changes()) {
            if (!change.object().changeTracking()) {
                continue;
            }
            if (perObject.merge(change.object(), 1, Integer::sum) > overflowThreshold) {
                overflowed.putIfAbsent(change.object(), change);
            } else {
                events.add(describe(change, transaction.author()));
            }
        }
        overflowed.forEach((object, first) -> events.add(new Described(
                object,
                "GAP_OVERFLOW",
                List.of(object.keyPrefix() + "*"),
                first.at().toEpochMilli(),
                Map.of(),
                List.of(),
                List.of())));
        if (events.isEmpty()) {
            return;
        }
        String transactionKey = UUID.randomUUID().toString();
        long commitNumber = commitNumbers.incrementAndGet();
        for (int i = 0; i < events.size(); i++) {
            publish(events.get(i), transaction.author(), transactionKey, i + 1, commitNumber);
        }
    }

    private static Described describe(RecordChange change, ChangeAuthor author) {
        Map<String, Object> fields = new LinkedHashMap<>();
        List<String> changed = new ArrayList<>();
        List<String> nulled = new ArrayList<>();
        long at = change.at().toEpochMilli();
        switch (change.type()) {
            case CREATE -> {
                change.written().forEach((name, value) -> {
                    fields.put(name, value);
                    if (value == null) {
                        nulled.add(name);
                    }
                });
                fields.put("CreatedDate", at);
                fields.put("CreatedById", author.userId());
                fields.put("LastModifiedDate", at);
                fields.put("LastModifiedById", author.userId());
            }
            case UPDATE -> {
                change.written().forEach((name, value) -> {
                    if (!Objects.equals(change.before().get(name), value)) {
                        fields.put(name, value);
                        changed.add(name);
                        if (value == null) {
                            nulled.add(name);
                        }
                    }
                });
                fields.put("LastModifiedDate", at);
                changed.add("LastModifiedDate");
            }
            case DELETE -> {
                // the header alone: a deleted record's fields are not sent
            }
        }
        return new Described(
                change.object(), change.type().name(), List.of(change.recordId()), at, fields, changed, nulled);
    }

    private void publish(
            Described event, ChangeAuthor author, String transactionKey, int sequenceNumber, long commitNumber) {
        EventSchemas.Registered schema = schemas.changeEvent(event.object());
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("entityName", event.object().name());
        header.put("recordIds", event.recordIds());
        header.put("changeType", event.changeType());
        header.put("changeOrigin", author.changeOrigin());
        header.put("transactionKey", transactionKey);
        header.put("sequenceNumber", sequenceNumber);
        header.put("commitTimestamp", event.commitTimestamp());
        header.put("commitNumber", commitNumber);
        header.put("commitUser", author.userId());
        header.put("nulledFields", FieldBitmap.encode(schema.schema(), event.nulled()));
        header.put("diffFields", List.of());
        header.put("changedFields", FieldBitmap.encode(schema.schema(), event.changed()));
        Map<String, Object> values = new HashMap<>(event.fields());
        values.put("ChangeEventHeader", header);
        byte[] payload = AvroPayloads.encode(schema.schema(), values);
        bus.publish(
                List.of(Topics.changeEventTopic(event.object()), Topics.ALL_CHANGE_EVENTS),
                new EventBus.Draft(UUID.randomUUID().toString(), schema.id(), payload, author.clientId()));
    }
}
