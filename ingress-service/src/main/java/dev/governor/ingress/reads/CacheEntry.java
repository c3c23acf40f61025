package dev.governor.ingress.reads;

/**
 * Where one answer is cached: its object (whose versions say whether the answer is current), its key, and
 * whether any change of the object makes it stale. A record by Id is evicted by its own change event; a record
 * by External ID or a query may hold any of the object's records, so any change of the object makes it stale.
 */
record CacheEntry(String object, String key, boolean staleOnAnyChange) {

    String lock() {
        return key + ":lock";
    }
}
