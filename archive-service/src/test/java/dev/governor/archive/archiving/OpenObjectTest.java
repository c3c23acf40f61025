package dev.governor.archive.archiving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.archive.format.ArchiveKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The same records give the same object bytes however they were cut into parts: a redo rewrites an object exactly. */
class OpenObjectTest {

    private static final ArchiveKey KEY = ArchiveKey.of("archive", "t", 0, 100, 0);

    @Test
    void partsJoinedAreTheWholeObjectAndTheSameWhateverThePartSize() throws IOException {
        byte[] whole = write(Long.MAX_VALUE);
        byte[] inParts = write(5_000);

        assertThat(inParts).isEqualTo(whole);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(whole))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text.lines()).hasSize(2000);
            assertThat(text).startsWith("{\"n\":0,\"noise\":");
        }
    }

    @Test
    void itKnowsItsRangeAndSize() {
        OpenObject object = new OpenObject(KEY, 0);
        object.append(100, "a\n".getBytes(StandardCharsets.UTF_8));
        object.append(102, "bb\n".getBytes(StandardCharsets.UTF_8));

        assertThat(object.facts().firstOffset()).isEqualTo(100);
        assertThat(object.facts().lastOffset()).isEqualTo(102);
        assertThat(object.records()).isEqualTo(2);
        assertThat(object.jsonBytes()).isEqualTo(5);
    }

    private static byte[] write(long partSize) {
        OpenObject object = new OpenObject(KEY, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            object.append(
                    100 + i,
                    ("{\"n\":" + i + ",\"noise\":" + random.nextLong() + "}\n").getBytes(StandardCharsets.UTF_8));
            byte[] part = object.takePart(partSize);
            if (part != null) {
                out.writeBytes(part);
            }
        }
        out.writeBytes(object.finish());
        assertThat(object.takenBytes()).isEqualTo(out.size());
        return out.toByteArray();
    }
}
