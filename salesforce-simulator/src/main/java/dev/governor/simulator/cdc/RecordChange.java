package dev.governor.simulator.cdc;

import dev.governor.simulator.org.SObjectDefinition;
import java.time.Instant;
import java.util.Map;

/**
 * One record's committed change, as the writer saw it.
 *
 * @param object   the record's object
 * @param recordId its id
 * @param type     CREATE, UPDATE or DELETE
 * @param before   its field values before the write (empty for a create)
 * @param written  the values the write set (empty for a delete)
 * @param at       when it was committed (simulator clock)
 */
public record RecordChange(
        SObjectDefinition object,
        String recordId,
        Type type,
        Map<String, Object> before,
        Map<String, Object> written,
        Instant at) {

    public enum Type {
        CREATE,
        UPDATE,
        DELETE
    }
}
