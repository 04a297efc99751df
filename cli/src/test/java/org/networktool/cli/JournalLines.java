package org.networktool.cli;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Journal lines as a test writes them: {@code SEQ CRC32 JSON}, summed so the reader gets past the checksum. */
final class JournalLines {
    private JournalLines() {
    }

    /** {@code line} with its JSON replaced by {@code json} and summed again. */
    static String resummed(String line, String json) {
        CRC32 crc = new CRC32();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        return line.substring(0, line.indexOf(' ')) + " " + String.format("%08x", crc.getValue()) + " " + json;
    }
}
