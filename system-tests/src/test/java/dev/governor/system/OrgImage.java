package dev.governor.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.testsupport.SimulatedOrg;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The org's records of some objects at one moment, by External ID, as the simulator's inspection API shows
 * them; compared with a later image field by field, Ids aside: a record restored into a wiped org has a new
 * Id, and a reference field must point at the new Id of the record it pointed at.
 */
final class OrgImage {

    private static final String KEY = "External_Id__c";

    /** Object → External ID → the record's fields (without nulls: a field never set and one cleared are alike). */
    private final Map<String, Map<String, Map<String, Object>>> fields = new TreeMap<>();
    /** Object → External ID → Id. */
    private final Map<String, Map<String, String>> ids = new TreeMap<>();

    static OrgImage of(String simulator, List<String> objects) {
        OrgImage image = new OrgImage();
        for (String object : objects) {
            Map<String, Map<String, Object>> byKey = new TreeMap<>();
            Map<String, String> idByKey = new TreeMap<>();
            for (Map<String, Object> record : SimulatedOrg.records(simulator, object, KEY, "")) {
                Map<String, Object> set = new HashMap<>();
                ((Map<?, ?>) record.get("fields")).forEach((name, value) -> {
                    if (value != null) {
                        set.put((String) name, value);
                    }
                });
                byKey.put(SimulatedOrg.field(record, KEY), set);
                idByKey.put(SimulatedOrg.field(record, KEY), (String) record.get("id"));
            }
            image.fields.put(object, byKey);
            image.ids.put(object, idByKey);
        }
        return image;
    }

    Map<String, String> ids(String object) {
        return ids.get(object);
    }

    int records(String object) {
        return fields.get(object).size();
    }

    /**
     * Asserts that {@code later} holds the same records with the same fields, where a value that was the Id
     * of a record of this image is now that record's Id in {@code later}.
     */
    void assertSameRecordsAs(OrgImage later) {
        Map<String, String> newIdOf = new HashMap<>();
        ids.forEach((object, byKey) -> byKey.forEach((key, id) -> {
            String now = later.ids.get(object).get(key);
            if (now != null) {
                newIdOf.put(id, now);
            }
        }));
        for (Map.Entry<String, Map<String, Map<String, Object>>> object : fields.entrySet()) {
            Map<String, Map<String, Object>> after = later.fields.get(object.getKey());
            assertThat(after.keySet())
                    .as("the %s records, by External ID", object.getKey())
                    .isEqualTo(object.getValue().keySet());
            object.getValue().forEach((key, before) -> {
                Map<String, Object> expected = new HashMap<>();
                before.forEach((name, value) -> expected.put(
                        name, value instanceof String id && newIdOf.containsKey(id) ? newIdOf.get(id) : value));
                Map<String, Object> found = after.get(key);
                assertThat(found.keySet())
                        .as("%s %s's fields", object.getKey(), key)
                        .isEqualTo(expected.keySet());
                expected.forEach((name, value) -> assertThat(SimulatedOrg.sameValue(value, found.get(name)))
                        .as("%s %s's %s: %s then, %s now", object.getKey(), key, name, value, found.get(name))
                        .isTrue());
            });
        }
    }
}
