package dev.governor.ingress.auth;

import dev.governor.common.record.RecordWrite;
import dev.governor.ingress.config.IngressConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which objects a bearer-token caller may write, and through which External ID fields, from
 * {@code governor.ingress.callers}. A token's scope says a caller may write records at all; this says
 * which — so one caller cannot overwrite another's records or touch the org's setup (users, profiles,
 * permissions, sharing) unless an operator named them for it. Webhook sources are not callers here: the
 * object they write is fixed by their own configuration.
 */
@ApplicationScoped
public class WriteGrants {

    /** Salesforce setup objects: granting access to people and data, never a data integration's to write by default. */
    static final Set<String> SETUP_OBJECTS = Set.of(
            "user",
            "userrole",
            "profile",
            "permissionset",
            "permissionsetassignment",
            "permissionsetgroup",
            "permissionsetgroupcomponent",
            "permissionsetlicenseassign",
            "group",
            "groupmember",
            "organization",
            "userlicense",
            "setupentityaccess",
            "objectpermissions",
            "fieldpermissions",
            "sharingrecordcollection",
            "queuesobject",
            "loginip",
            "connectedapplication",
            "authprovider",
            "namedcredential",
            "userpackagelicense",
            "territory2",
            "userterritory2association");

    private record Grant(Set<String> objects, Optional<Set<String>> externalIdFields) {}

    private final Map<String, Grant> grants;

    public WriteGrants(IngressConfig config) {
        this.grants = config.callers().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Map.Entry::getKey,
                        e -> new Grant(
                                lower(e.getValue().objects()),
                                e.getValue().externalIdFields().map(WriteGrants::lower))));
    }

    /**
     * Whether Salesforce treats the object as setup: a named setup object, or a sharing object ({@code AccountShare},
     * {@code X__Share}).
     */
    static boolean isSetupObject(String sobject) {
        String name = sobject.toLowerCase(Locale.ROOT);
        return SETUP_OBJECTS.contains(name) || name.endsWith("share");
    }

    /**
     * Why the caller, known by its token's {@code sub}, may not make these writes (the detail of a 403), or
     * empty when every one of them is granted.
     */
    public Optional<String> refusal(String subject, List<RecordWrite> writes) {
        Grant grant = grants.get(subject);
        if (grant == null) {
            return Optional.of("This caller may not write records: no objects are granted to it");
        }
        for (RecordWrite write : writes) {
            String sobject = write.sobject().toLowerCase(Locale.ROOT);
            if (!grant.objects().contains(sobject)) {
                return Optional.of(
                        isSetupObject(write.sobject())
                                ? write.sobject()
                                        + " is a Salesforce setup object; a caller may write it only where it is "
                                        + "granted by name"
                                : "This caller may not write " + write.sobject());
            }
            if (grant.externalIdFields().isPresent()
                    && !grant.externalIdFields()
                            .get()
                            .contains(write.externalIdField().toLowerCase(Locale.ROOT))) {
                return Optional.of("This caller may not match records on " + write.externalIdField());
            }
        }
        return Optional.empty();
    }

    private static Set<String> lower(List<String> names) {
        return names.stream()
                .map(n -> n.trim().toLowerCase(Locale.ROOT))
                .filter(n -> !n.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
