package dev.governor.salesforce.schema;

/** What is known of an sObject: its description, that the org has no such object, or nothing right now. */
public sealed interface SchemaLookup {

    /** The org describes the object so. */
    record Known(ObjectSchema schema) implements SchemaLookup {}

    /** The org has no object of that name. */
    record Missing() implements SchemaLookup {}

    /** The org could not be asked (unreachable, budget held, too slow) and nothing is cached. */
    record Unavailable(String reason) implements SchemaLookup {}
}
