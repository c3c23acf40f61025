package dev.governor.ingress.reads;

import java.util.regex.Pattern;

/** Salesforce record Ids: their shape, and the 18-character form of a 15-character Id. Pure. */
final class RecordIds {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");
    private static final String SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private RecordIds() {}

    static boolean isId(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /** The 18-character form: three characters that encode which of the 15 are upper case. */
    static String to18(String id) {
        if (id.length() != 15) {
            return id;
        }
        StringBuilder out = new StringBuilder(id);
        for (int block = 0; block < 3; block++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id.charAt(block * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            out.append(SUFFIX.charAt(bits));
        }
        return out.toString();
    }
}
