package dev.governor.ingress.intake;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One record the ingress accepted: what the 202 answer tells the caller about it. */
@RegisterForReflection
public record AcceptedRecord(
        String trackingId,
        String status,
        String sobject,
        String externalIdField,
        String externalId,
        String statusUrl) {}
