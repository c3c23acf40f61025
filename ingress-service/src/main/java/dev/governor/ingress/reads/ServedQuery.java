package dev.governor.ingress.reads;

import java.time.Duration;

/** A named query the read API serves: its template, the object it reads and how long an answer is fresh. */
record ServedQuery(String name, SoqlTemplate template, String object, Duration ttl) {

    static ServedQuery of(String name, ReadsConfig.NamedQuery config) {
        try {
            return new ServedQuery(
                    name, new SoqlTemplate(config.soql(), config.params()), config.object(), config.ttl());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("governor.ingress.reads.queries." + name + ": " + e.getMessage(), e);
        }
    }
}
