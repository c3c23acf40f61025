package dev.governor.simulator.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.simulator.cdc.ChangeEvents;
import dev.governor.simulator.cdc.ChangeTransaction;
import dev.governor.simulator.cdc.RecordChange;
import dev.governor.simulator.error.ApiError;
import dev.governor.simulator.events.BusEvent;
import dev.governor.simulator.events.PlatformEvents;
import dev.governor.simulator.faults.Faults;
import dev.governor.simulator.limits.OrgLimits;
import dev.governor.simulator.org.FieldDefinition;
import dev.governor.simulator.org.OrgModel;
import dev.governor.simulator.org.SObjectDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies writes the way Salesforce does: records are processed in order; each one is planned against
 * the org plus what earlier records of the same request did, then committed. One request writes at a
 * time, like a row lock held for the length of one API call. With {@code allOrNone}
 * nothing is committed unless every record succeeds, and the good records report
 * ALL_OR_NONE_OPERATION_ROLLED_BACK. Platform Event "creates" are publishes to the event bus. What a
 * call commits is added to its change transaction, whose change events go out when it ends.
 */
@ApplicationScoped
public class RecordWriter {

    static final ApiError ROLLED_BACK = ApiError.of(
            "ALL_OR_NONE_OPERATION_ROLLED_BACK",
            "Record rolled back because not all records were valid and the request was using AllOrNone header");

    private final RecordStore store;
    private final RecordValidator.References references;
    private final PlatformEvents platformEvents;
    private final ChangeEvents changeEvents;
    private final Faults faults;
    private final OrgLimits limits;
    private final OrgModel org;

    public RecordWriter(
            RecordStore store,
            PlatformEvents platformEvents,
            ChangeEvents changeEvents,
            Faults faults,
            OrgLimits limits,
            OrgModel org) {
        this.org = org;
        this.store = store;
        this.references = RecordValidator.References.of(store);
        this.platformEvents = platformEvents;
        this.changeEvents = changeEvents;
        this.faults = faults;
        this.limits = limits;
    }

    /** What one record of a request will do once committed. */
    private record Planned(
            SObjectDefinition object, StoredRecord target, Map<String, Object> values, ApiError error, boolean delete) {

        static Planned failed(ApiError error) {
            return new Planned(null, null, null, error, false);
        }
    }

    /** One record of a request: its object and its JSON body. */
    public record Input(SObjectDefinition object, JsonNode body) {}

    /** The outcome of a single-record upsert: created, updated, or several matches (HTTP 300). */
    public record SingleUpsert(WriteResult result, List<String> matchingIds) {}

    /** sObject Collections upsert: one object, matched on an External ID field carried in each record. */
    public List<WriteResult> upsert(
            SObjectDefinition object,
            FieldDefinition externalId,
            List<JsonNode> bodies,
            boolean allOrNone,
            ChangeTransaction transaction) {
        List<Map<String, Object>> values = new ArrayList<>();
        for (JsonNode body : bodies) {
            values.add(RecordValidator.read(object, body, Set.of()));
        }
        Map<String, Integer> occurrences = new HashMap<>();
        for (Map<String, Object> v : values) {
            Object key = v.get(externalId.name());
            if (key != null) {
                occurrences.merge(normalise(externalId, key), 1, Integer::sum);
            }
        }
        synchronized (store) {
            Staging staging = new Staging();
            List<Planned> plan = new ArrayList<>();
            for (Map<String, Object> v : values) {
                Object key = v.get(externalId.name());
                if (key == null || String.valueOf(key).isBlank()) {
                    plan.add(Planned.failed(ApiError.of(
                            "MISSING_ARGUMENT",
                            "Upsert requires a value for the external id field " + externalId.name(),
                            externalId.name())));
                } else if (occurrences.get(normalise(externalId, key)) > 1) {
                    plan.add(Planned.failed(ApiError.of(
                            "DUPLICATE_EXTERNAL_ID", "Duplicate external id specified: " + key, externalId.name())));
                } else {
                    plan.add(planUpsert(object, externalId, key, v, staging));
                }
            }
            return commit(plan, allOrNone, transaction);
        }
    }

    /** {@code PATCH /sobjects/{object}/{field}/{value}}: upsert of one record by external id. */
    public SingleUpsert upsertOne(
            SObjectDefinition object,
            FieldDefinition externalId,
            String key,
            JsonNode body,
            ChangeTransaction transaction) {
        Map<String, Object> values = RecordValidator.read(object, body, Set.of(externalId.name()));
        values.put(externalId.name(), key);
        synchronized (store) {
            List<StoredRecord> matches = store.byField(object, externalId, key);
            if (matches.size() > 1) {
                return new SingleUpsert(
                        null, matches.stream().map(StoredRecord::id).toList());
            }
            Planned planned = planUpsert(object, externalId, key, values, new Staging());
            return new SingleUpsert(commit(List.of(planned), true, transaction).get(0), List.of());
        }
    }

    /** Creates (and Platform Event publishes): sObject Collections POST or {@code POST /sobjects/{object}}. */
    public List<WriteResult> create(List<Input> inputs, boolean allOrNone, ChangeTransaction transaction) {
        List<Map<String, Object>> values = new ArrayList<>();
        int events = 0;
        for (Input input : inputs) {
            values.add(RecordValidator.read(input.object(), input.body(), Set.of()));
            events += input.object().isPlatformEvent() ? 1 : 0;
        }
        boolean publishAllowed = events == 0 || limits.tryPublishEvents(events);
        synchronized (store) {
            Staging staging = new Staging();
            List<Planned> plan = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                SObjectDefinition object = inputs.get(i).object();
                if (object.isPlatformEvent() && !publishAllowed) {
                    plan.add(Planned.failed(ApiError.of(
                            "LIMIT_EXCEEDED", "You have exceeded the hourly limit for publishing platform events")));
                } else {
                    plan.add(planWrite(object, null, values.get(i), staging));
                }
            }
            return commit(plan, allOrNone, transaction);
        }
    }

    /** sObject Collections PATCH: updates of records named by id. */
    public List<WriteResult> update(List<Input> inputs, boolean allOrNone, ChangeTransaction transaction) {
        List<Map<String, Object>> values = new ArrayList<>();
        for (Input input : inputs) {
            values.add(RecordValidator.read(input.object(), input.body(), Set.of("Id")));
        }
        synchronized (store) {
            Staging staging = new Staging();
            List<Planned> plan = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                String id = inputs.get(i)
                        .body()
                        .path("id")
                        .asText(inputs.get(i).body().path("Id").asText(null));
                Optional<ApiError> idProblem = idProblem(id, inputs.get(i).object());
                plan.add(
                        idProblem.isPresent()
                                ? Planned.failed(idProblem.get())
                                : planWrite(
                                        inputs.get(i).object(), store.byId(id).orElseThrow(), values.get(i), staging));
            }
            return commit(plan, allOrNone, transaction);
        }
    }

    /** sObject Collections DELETE by ids. */
    public List<WriteResult> delete(List<String> ids, boolean allOrNone, ChangeTransaction transaction) {
        synchronized (store) {
            List<Planned> plan = new ArrayList<>();
            for (String id : ids) {
                Optional<StoredRecord> record = store.byId(id);
                if (!RecordIds.wellFormed(id)) {
                    plan.add(Planned.failed(ApiError.of("MALFORMED_ID", "malformed id " + id)));
                } else if (record.isEmpty()) {
                    plan.add(Planned.failed(ApiError.of("ENTITY_IS_DELETED", "entity is deleted")));
                } else if (faults.lockRow()) {
                    plan.add(Planned.failed(lockError(id)));
                } else {
                    plan.add(new Planned(
                            org.object(record.get().sobject()).orElseThrow(), record.get(), Map.of(), null, true));
                }
            }
            return commit(plan, allOrNone, transaction);
        }
    }

    private Optional<ApiError> idProblem(String id, SObjectDefinition object) {
        if (id == null) {
            return Optional.of(ApiError.of("MISSING_ARGUMENT", "Id not specified in an update call"));
        }
        if (!RecordIds.wellFormed(id)) {
            return Optional.of(
                    ApiError.of("MALFORMED_ID", object.name() + " ID: id value of incorrect type: " + id, "Id"));
        }
        Optional<StoredRecord> record = store.byId(id);
        if (record.isEmpty()) {
            return Optional.of(ApiError.of("ENTITY_IS_DELETED", "entity is deleted"));
        }
        if (!record.get().sobject().equals(object.name())) {
            return Optional.of(
                    ApiError.of("INVALID_ID_FIELD", "Id " + id + " is not a record of " + object.name(), "Id"));
        }
        return Optional.empty();
    }

    private Planned planUpsert(
            SObjectDefinition object,
            FieldDefinition externalId,
            Object key,
            Map<String, Object> values,
            Staging staging) {
        List<StoredRecord> matches = store.byField(object, externalId, key);
        if (matches.size() > 1) {
            return Planned.failed(ApiError.of(
                    "DUPLICATE_EXTERNAL_ID",
                    externalId.name() + ": more than one record found for external id field: "
                            + matches.stream().map(StoredRecord::id).toList(),
                    externalId.name()));
        }
        return planWrite(object, matches.isEmpty() ? null : matches.get(0), values, staging);
    }

    /** Plans a create ({@code target == null}) or an update, checking it against the org and the request so far. */
    private Planned planWrite(
            SObjectDefinition object, StoredRecord target, Map<String, Object> values, Staging staging) {
        Optional<ApiError> problem = RecordValidator.check(object, values, target == null, references);
        if (problem.isPresent()) {
            return Planned.failed(problem.get());
        }
        if (!object.isPlatformEvent()) {
            Optional<ApiError> duplicate = duplicateValue(object, target, values, staging);
            if (duplicate.isPresent()) {
                return Planned.failed(duplicate.get());
            }
            if (faults.lockRow()) {
                return Planned.failed(lockError(target == null ? "new " + object.name() : target.id()));
            }
        }
        Planned planned = new Planned(object, target, values, null, false);
        staging.claim(object, planned);
        return planned;
    }

    private Optional<ApiError> duplicateValue(
            SObjectDefinition object, StoredRecord target, Map<String, Object> values, Staging staging) {
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            FieldDefinition field = object.field(entry.getKey()).orElseThrow();
            if (!field.unique() || entry.getValue() == null) {
                continue;
            }
            for (StoredRecord other : store.byField(object, field, entry.getValue())) {
                if (target == null || !other.id().equals(target.id())) {
                    return Optional.of(duplicateError(field, other.id()));
                }
            }
            if (staging.claimedByAnother(object, field, entry.getValue(), target)) {
                return Optional.of(duplicateError(field, "(a record earlier in this request)"));
            }
        }
        return Optional.empty();
    }

    private List<WriteResult> commit(List<Planned> plan, boolean allOrNone, ChangeTransaction transaction) {
        boolean anyFailed = plan.stream().anyMatch(p -> p.error() != null);
        List<WriteResult> results = new ArrayList<>(plan.size());
        for (Planned planned : plan) {
            if (planned.error() != null) {
                results.add(WriteResult.failed(null, planned.error()));
            } else if (allOrNone && anyFailed) {
                results.add(WriteResult.failed(null, ROLLED_BACK));
            } else {
                results.add(apply(planned, transaction));
            }
        }
        if (transaction.endsWithCall()) {
            changeEvents.publish(transaction);
        }
        return results;
    }

    /** Commits one planned record and adds what it changed to the transaction. */
    private WriteResult apply(Planned planned, ChangeTransaction transaction) {
        SObjectDefinition object = planned.object();
        String clientId = transaction.author().clientId();
        StoredRecord target = planned.target();
        if (planned.delete()) {
            Map<String, Object> before = target.fields();
            store.delete(object, target, clientId);
            transaction.add(change(object, target, RecordChange.Type.DELETE, before, Map.of()));
            return WriteResult.deleted(target.id());
        }
        if (object.isPlatformEvent()) {
            BusEvent event = platformEvents.publish(
                    object, planned.values(), clientId, transaction.author().userId());
            return WriteResult.enqueued(store.newId(object), event.eventUuid());
        }
        if (target == null) {
            StoredRecord created = store.create(object, planned.values(), clientId);
            transaction.add(change(object, created, RecordChange.Type.CREATE, Map.of(), planned.values()));
            return WriteResult.created(created.id());
        }
        Map<String, Object> before = target.fields();
        store.update(object, target, planned.values(), clientId);
        transaction.add(change(object, target, RecordChange.Type.UPDATE, before, planned.values()));
        return WriteResult.updated(target.id());
    }

    private static RecordChange change(
            SObjectDefinition object,
            StoredRecord record,
            RecordChange.Type type,
            Map<String, Object> before,
            Map<String, Object> written) {
        return new RecordChange(object, record.id(), type, before, written, record.lastModifiedAt());
    }

    private static ApiError lockError(String what) {
        return ApiError.of(
                "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records: " + what);
    }

    private static ApiError duplicateError(FieldDefinition field, String otherId) {
        return ApiError.of(
                "DUPLICATE_VALUE",
                "duplicate value found: " + field.name() + " duplicates value on record with id: " + otherId,
                field.name());
    }

    /** Values of unique and External ID fields compare without regard to case unless the field is case-sensitive. */
    private static String normalise(FieldDefinition field, Object value) {
        String text = String.valueOf(value);
        return field.caseSensitive() ? text : text.toLowerCase(Locale.ROOT);
    }

    /** Unique values claimed by records planned earlier in the same request. */
    private static final class Staging {
        private final Map<String, Planned> claims = new LinkedHashMap<>(); // "Object.Field=value" -> planned

        void claim(SObjectDefinition object, Planned planned) {
            planned.values().forEach((name, value) -> {
                FieldDefinition field = object.field(name).orElseThrow();
                if ((field.unique() || field.externalId()) && value != null) {
                    claims.put(object.name() + "." + field.name() + "=" + normalise(field, value), planned);
                }
            });
        }

        boolean claimedByAnother(SObjectDefinition object, FieldDefinition field, Object value, StoredRecord target) {
            Planned claimant = claims.get(object.name() + "." + field.name() + "=" + normalise(field, value));
            return claimant != null
                    && (target == null
                            || claimant.target() == null
                            || !claimant.target().id().equals(target.id()));
        }
    }
}
