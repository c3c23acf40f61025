package dev.governor.ingress.intake;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One reason a request body was refused: where (a JSON pointer) and why. */
@RegisterForReflection
public record FieldError(String pointer, String message) {}
