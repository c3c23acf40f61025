package dev.governor.simulator.data;

import java.time.Instant;
import java.util.Map;

/**
 * One write to a record, kept in its history so tests can tell creates from updates and count them.
 *
 * @param operation CREATED, UPDATED or DELETED
 * @param at        when (simulator clock)
 * @param clientId  the connected app whose session wrote it
 * @param fields    the field values that write set
 */
public record WriteEvent(String operation, Instant at, String clientId, Map<String, Object> fields) {}
