package dev.governor.salesforce.api;

import dev.governor.salesforce.limits.LimitInfo;
import java.util.List;
import java.util.Optional;

/** The answer to one sObject Collections upsert: a result per record, in order, and the org's usage after it. */
public record UpsertResult(List<RecordResult> records, Optional<LimitInfo> limitInfo) {}
