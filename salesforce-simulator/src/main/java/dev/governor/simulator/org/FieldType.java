package dev.governor.simulator.org;

/** The field types the simulated org knows, with the JSON values each accepts. */
public enum FieldType {
    STRING, TEXTAREA, EMAIL, URL, PHONE, PICKLIST, INT, DOUBLE, BOOLEAN, DATE, DATETIME, REFERENCE, ID;

    /** Types whose values are text with a maximum length. */
    public boolean isText() {
        return this == STRING || this == TEXTAREA || this == EMAIL || this == URL || this == PHONE || this == PICKLIST;
    }
}
