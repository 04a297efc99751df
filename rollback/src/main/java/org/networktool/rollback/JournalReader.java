package org.networktool.rollback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.networktool.layout.LayoutCodec;
import org.networktool.layout.NetworkToolException;

/**
 * Reads a journal, trusting nothing: every line must carry the next sequence number and a CRC32
 * matching its JSON. Reading stops at the first bad record, which is reported; the records
 * before it are used. A journal others could write is refused: rollback runs what it says.
 */
public final class JournalReader {
    private static final Pattern LINE = Pattern.compile("(\\d+) ([0-9a-f]{8}) (.*)");

    private JournalReader() {
    }

    public static JournalContents read(Path path) {
        byte[] bytes;
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            if (perms.stream().anyMatch(p -> p != PosixFilePermission.OWNER_READ && p != PosixFilePermission.OWNER_WRITE)) {
                throw NetworkToolException.invalidInput("journal " + path + " has mode "
                        + java.nio.file.attribute.PosixFilePermissions.toString(perms)
                        + "; it must be rw------- (only its owner may write what rollback will run): check who changed it, then chmod 600");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw NetworkToolException.invalidInput("journal " + path + " does not exist: `network-tool journal list` shows the runs");
        } catch (IOException e) {
            throw NetworkToolException.invalidInput("cannot read journal " + path + ": " + e.getMessage());
        }
        List<JournalRecord> records = new ArrayList<>();
        int offset = 0;
        String problem = null;
        while (offset < bytes.length) {
            int nl = indexOf(bytes, (byte) '\n', offset);
            if (nl < 0) {
                problem = "record " + (records.size() + 1) + " at byte " + offset + " is torn (no end of line): the "
                        + records.size() + " records before it are used";
                break;
            }
            String line = new String(bytes, offset, nl - offset, StandardCharsets.UTF_8);
            String why = check(line, records.size() + 1);
            JournalRecord r = null;
            if (why == null) {
                try {
                    r = LayoutCodec.fromJsonLine(line.substring(line.indexOf(' ', line.indexOf(' ') + 1) + 1), JournalRecord.class);
                    why = r == null ? "is null" : r.incomplete(records.size() + 1);
                } catch (IOException e) {
                    why = "does not parse";
                }
            }
            if (why != null) {
                problem = "record " + (records.size() + 1) + " at byte " + offset + " " + why + ": the " + records.size()
                        + " records before it are used";
                break;
            }
            records.add(r);
            offset = nl + 1;
        }
        return new JournalContents(records, offset, problem);
    }

    private static String check(String line, long expectedSeq) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return "is malformed";
        }
        if (m.group(1).length() > 18 || Long.parseLong(m.group(1)) != expectedSeq) {
            return "has sequence number " + m.group(1) + ", expected " + expectedSeq;
        }
        if (!Journal.crc(m.group(3)).equals(m.group(2))) {
            return "fails its checksum";
        }
        return null;
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
