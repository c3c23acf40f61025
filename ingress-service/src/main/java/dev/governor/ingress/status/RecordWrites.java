package dev.governor.ingress.status;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** What a caller sees at {@code GET /v1/records?sobject=…&externalIdField=…&externalId=…}: newest first. */
@RegisterForReflection
public record RecordWrites(List<RequestStatus> writes) {}
