package dev.governor.eventbridge.sources;

/**
 * MQTT topic filters as brokers match them: {@code +} is one level, a trailing {@code #} the rest (and the
 * parent level itself), and a topic starting with {@code $} matches no filter that starts with a wildcard.
 * Pure.
 */
final class MqttTopicFilter {

    private MqttTopicFilter() {}

    static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] wanted = filter.split("/", -1);
        String[] levels = topic.split("/", -1);
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i].equals("#")) {
                return i == wanted.length - 1;
            }
            if (i >= levels.length) {
                return false;
            }
            if (!wanted[i].equals("+") && !wanted[i].equals(levels[i])) {
                return false;
            }
        }
        return wanted.length == levels.length;
    }

    /** Whether a filter is well formed: wildcards only as whole levels, {@code #} only last. */
    static boolean valid(String filter) {
        if (filter.isEmpty()) {
            return false;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if ((level.contains("#") && (!level.equals("#") || i != levels.length - 1))
                    || (level.contains("+") && !level.equals("+"))) {
                return false;
            }
        }
        return true;
    }
}
