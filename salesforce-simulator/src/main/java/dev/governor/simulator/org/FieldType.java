package dev.governor.simulator.org;

/** The field types the simulated org knows, with the JSON values each accepts. */
public enum FieldType {
    STRING,
    TEXTAREA,
    EMAIL,
    URL,
    PHONE,
    PICKLIST,
    INT,
    DOUBLE,
    BOOLEAN,
    DATE,
    DATETIME,
    REFERENCE,
    ID;

    /** Types whose values are text with a maximum length. */
    public boolean isText() {
        return this == STRING || this == TEXTAREA || this == EMAIL || this == URL || this == PHONE || this == PICKLIST;
    }

    /** Digits a number of this type holds when the org model names none (Salesforce's defaults for new fields). */
    public int defaultPrecision() {
        return switch (this) {
            case INT -> 9;
            case DOUBLE -> 18;
            default -> 0;
        };
    }

    /** Digits after the decimal point when the org model names none. */
    public int defaultScale() {
        return this == DOUBLE ? 2 : 0;
    }

    /** The type name Salesforce's describe reports. */
    public String describeName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
