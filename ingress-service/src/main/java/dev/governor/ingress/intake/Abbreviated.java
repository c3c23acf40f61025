package dev.governor.ingress.intake;

/** Caller-supplied text fit to be quoted back in an error: printable ASCII, at most 60 characters. */
public final class Abbreviated {

    private Abbreviated() {}

    public static String of(String text) {
        String safe = text.replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() <= 60 ? safe : safe.substring(0, 57) + "...";
    }
}
