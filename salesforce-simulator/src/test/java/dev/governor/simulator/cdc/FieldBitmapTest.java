package dev.governor.simulator.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.simulator.org.FieldDefinition;
import dev.governor.simulator.org.FieldType;
import dev.governor.simulator.org.SObjectDefinition;
import dev.governor.simulator.schema.AvroSchemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class FieldBitmapTest {

    static final Schema SCHEMA = AvroSchemas.changeEvent(new SObjectDefinition(
            "Account",
            "001",
            false,
            true,
            List.of(field("Name"), field("Phone"), field("Website"), field("Industry"))));

    @Test
    void bitIMarksTheSchemasFieldI() {
        // ChangeEventHeader is field 0, so Name is bit 1 and Website bit 3
        assertThat(FieldBitmap.encode(SCHEMA, List.of("Name"))).containsExactly("0x2");
        assertThat(FieldBitmap.encode(SCHEMA, List.of("Name", "Website"))).containsExactly("0xA");
        assertThat(FieldBitmap.encode(SCHEMA, List.of())).isEmpty();
        int lastModified = SCHEMA.getField("LastModifiedDate").pos();
        assertThat(FieldBitmap.encode(SCHEMA, List.of("LastModifiedDate")))
                .containsExactly("0x" + Integer.toHexString(1 << lastModified).toUpperCase());
    }

    @Test
    void decodingGivesTheNamesBackInSchemaOrder() {
        List<String> names = List.of("Website", "Phone", "LastModifiedDate");
        assertThat(FieldBitmap.decode(SCHEMA, FieldBitmap.encode(SCHEMA, names)))
                .containsExactly("Phone", "Website", "LastModifiedDate");
        assertThat(FieldBitmap.decode(SCHEMA, List.of("3-0x01"))).isEmpty(); // a compound field's bitmap
    }

    @Test
    void wideSchemasNeedMoreThanALong() {
        List<FieldDefinition> fields = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            fields.add(field("F" + i + "__c"));
        }
        Schema wide = AvroSchemas.changeEvent(new SObjectDefinition("Wide__c", "a0W", false, true, fields));
        List<String> bitmap = FieldBitmap.encode(wide, List.of("F99__c"));
        assertThat(bitmap.get(0)).isEqualTo("0x1" + "0".repeat(25)); // bit 100
        assertThat(FieldBitmap.decode(wide, bitmap)).containsExactly("F99__c");
    }

    @Test
    void anUnknownFieldIsAMistake() {
        assertThatThrownBy(() -> FieldBitmap.encode(SCHEMA, List.of("Nope")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static FieldDefinition field(String name) {
        return new FieldDefinition(name, FieldType.STRING, 255, false, false, false, null, false, null, false, 0, 0);
    }
}
