package dev.governor.ingress.reads;

import dev.governor.common.problem.ProblemType;
import dev.governor.service.problem.ProblemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An object the read API serves: its API name, the fields answered by default and those a caller may ask for. */
record ServedObject(String name, List<String> fields, List<String> allowed, Duration ttl) {

    static ServedObject of(String name, ReadsConfig.ReadObject config) {
        List<String> allowed = new ArrayList<>(config.allowedFields().orElse(config.fields()));
        config.fields().stream()
                .filter(f -> allowed.stream().noneMatch(a -> a.equalsIgnoreCase(f)))
                .forEach(allowed::add);
        for (String field : allowed) {
            if (!field.matches("[A-Za-z][A-Za-z0-9_]{0,79}")) {
                throw new IllegalArgumentException(
                        "governor.ingress.reads.objects." + name + ": " + field + " is not a field's API name");
            }
        }
        return new ServedObject(name, List.copyOf(config.fields()), List.copyOf(allowed), config.ttl());
    }

    /** The fields to answer: those asked for, each one the object allows, or the defaults. */
    List<String> fieldsFor(Optional<List<String>> asked) {
        if (asked.isEmpty() || asked.get().isEmpty()) {
            return fields;
        }
        for (String field : asked.get()) {
            if (allowed.stream().noneMatch(a -> a.equalsIgnoreCase(field))) {
                throw ProblemException.of(
                        ProblemType.INVALID_REQUEST,
                        "The field " + field + " of " + name + " is not served; ask for any of " + allowed);
            }
        }
        return asked.get();
    }
}
