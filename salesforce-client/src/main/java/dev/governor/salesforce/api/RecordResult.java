package dev.governor.salesforce.api;

import dev.governor.salesforce.error.ErrorClass;
import dev.governor.salesforce.error.SalesforceError;
import java.util.List;

/**
 * One record's result in an sObject Collections answer, in request order: written (with its id and
 * whether it was created) or failed (with Salesforce's errors).
 */
public record RecordResult(String id, boolean success, boolean created, List<SalesforceError> errors) {

    public RecordResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** How to treat a failed record: the class of its first error (PERMANENT if it reports none). */
    public ErrorClass errorClass() {
        return errors.isEmpty() ? ErrorClass.PERMANENT : ErrorClass.of(errors.get(0));
    }
}
