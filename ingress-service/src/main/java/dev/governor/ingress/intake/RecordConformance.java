package dev.governor.ingress.intake;

import dev.governor.common.record.RecordWrite;
import dev.governor.ingress.config.IngressConfig;
import dev.governor.salesforce.schema.ObjectSchemas;
import dev.governor.salesforce.schema.SchemaLookup;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Holds record writes against the org's description of their object before they are accepted: a write
 * Salesforce would refuse is refused at the door with every reason, and one it would take is put in the
 * org's spelling. A field the cached description lacks gets one fresh look at the org (it may have been
 * added). While no description can be had, writes pass on their shape alone or are refused with 503, as
 * configured.
 */
@ApplicationScoped
public class RecordConformance {

    private final ObjectSchemas schemas;
    private final IngressConfig config;

    public RecordConformance(ObjectSchemas schemas, IngressConfig config) {
        this.schemas = schemas;
        this.config = config;
    }

    /**
     * The writes in the org's terms, and how many of them passed on their shape alone.
     *
     * @param unchecked writes taken without a description of their object to check them against
     */
    public record Conformed(List<RecordWrite> writes, int unchecked) {}

    /** The writes (all of one object) in the org's terms; {@code pointer} locates write i in the request. */
    public Uni<Conformed> conform(List<RecordWrite> writes, IntFunction<String> pointer) {
        String sobject = writes.get(0).sobject();
        return schemas.lookup(sobject)
                .flatMap(lookup -> {
                    Checked checked = check(lookup, writes, pointer);
                    if (checked.errors().isEmpty() || !SchemaCheck.onlyUnknownFields(checked.errors())) {
                        return Uni.createFrom().item(checked);
                    }
                    return schemas.refresh(sobject).map(fresh -> check(fresh, writes, pointer));
                })
                .map(checked -> {
                    if (!checked.errors().isEmpty()) {
                        throw Refusal.invalid(
                                "invalid_record",
                                writes.size() == 1
                                        ? "The org would refuse this record"
                                        : "The org would refuse records of this batch; none was accepted",
                                checked.errors());
                    }
                    return new Conformed(checked.writes(), checked.unchecked() ? writes.size() : 0);
                });
    }

    private record Checked(List<RecordWrite> writes, List<FieldError> errors, boolean unchecked) {
        Checked(List<RecordWrite> writes, List<FieldError> errors) {
            this(writes, errors, false);
        }
    }

    private Checked check(SchemaLookup lookup, List<RecordWrite> writes, IntFunction<String> pointer) {
        if (lookup instanceof SchemaLookup.Known known) {
            List<RecordWrite> conformed = new ArrayList<>(writes.size());
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < writes.size(); i++) {
                RecordRequestReader.Result result = SchemaCheck.check(known.schema(), writes.get(i), pointer.apply(i));
                if (result.ok()) {
                    conformed.add(result.write());
                } else {
                    errors.addAll(result.errors());
                }
            }
            return new Checked(conformed, errors);
        }
        if (lookup instanceof SchemaLookup.Missing) {
            return new Checked(
                    List.of(),
                    List.of(new FieldError(
                            "/sobject",
                            "the org has no object named " + writes.get(0).sobject())));
        }
        String reason = ((SchemaLookup.Unavailable) lookup).reason();
        if (config.records().whenSchemaUnavailable() == IngressConfig.WhenSchemaUnavailable.REFUSE) {
            throw Refusal.unavailable(
                    "unavailable",
                    "The org's description of " + writes.get(0).sobject() + " is not at hand; retry shortly",
                    config.retryAfterSeconds());
        }
        Log.debugf(
                "No description of %s (%s); accepting on shape alone",
                writes.get(0).sobject(), reason);
        return new Checked(writes, List.of(), true);
    }
}
