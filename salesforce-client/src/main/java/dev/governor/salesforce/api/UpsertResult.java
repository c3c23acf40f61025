package dev.governor.salesforce.api;

import java.util.List;
import java.util.Optional;

/** The answer to one sObject Collections upsert: a result per record, in order, and the org's usage after it. */
public record UpsertResult(List<RecordResult> records, Optional<LimitInfo> limitInfo) {}
