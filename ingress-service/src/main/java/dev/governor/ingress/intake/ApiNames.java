package dev.governor.ingress.intake;

import java.util.regex.Pattern;

/**
 * Salesforce API names (objects and fields): a letter, then letters, digits and single underscores,
 * with an optional namespace and suffix ({@code ns__Field__c}). Nothing else gets through, so a name can
 * never become a path segment, a query fragment or a SOQL clause downstream.
 */
public final class ApiNames {

    private static final Pattern API_NAME = Pattern.compile(
            "[A-Za-z](?:[A-Za-z0-9]|_(?=[A-Za-z0-9]))*(?:__[A-Za-z0-9]+(?:_(?=[A-Za-z0-9])[A-Za-z0-9]+)*){0,2}");
    private static final int MAX_LENGTH = 80;

    private ApiNames() {}

    public static boolean isValid(String name) {
        return name != null
                && name.length() <= MAX_LENGTH
                && API_NAME.matcher(name).matches();
    }
}
