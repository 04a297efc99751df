package org.networktool.rollback;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.zip.CRC32;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.LayoutCodec;
import org.networktool.layout.NetworkToolException;

/**
 * The append-only journal of one run: one record per line, {@code SEQ CRC32 JSON}, mode 0600,
 * synced to disk before {@link #append} returns, so a record describing a step is durable before
 * the step runs. Any write failure is an error: the caller must not run what it could not journal.
 */
public final class Journal implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private long seq;

    private Journal(Path path, FileChannel channel, long lastSeq) {
        this.path = path;
        this.channel = channel;
        this.seq = lastSeq;
    }

    public static Journal create(Path path) {
        try {
            FileChannel ch = FileChannel.open(path, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return new Journal(path, ch, 0);
        } catch (FileAlreadyExistsException e) {
            throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "journal " + path + " already exists: choose a new run");
        } catch (IOException e) {
            throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "cannot create the journal " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Continues a journal after its last good record. Nothing but appending ever changes a journal file: when the file holds
     * more than its good records (a torn or damaged tail), it is kept whole under {@code NAME.damaged-MILLIS} and the run
     * continues in a new file holding the good records only.
     */
    public static Journal reopen(Path path, JournalContents contents) {
        try {
            if (Files.size(path) > contents.goodBytes()) {
                Path kept = path.resolveSibling(path.getFileName() + ".damaged-" + System.currentTimeMillis());
                Files.move(path, kept, StandardCopyOption.ATOMIC_MOVE);
                try (InputStream in = Files.newInputStream(kept);
                        FileChannel out = FileChannel.open(path, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                    out.write(ByteBuffer.wrap(in.readNBytes((int) contents.goodBytes())));
                    out.force(true);
                }
            }
            FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new Journal(path, ch, contents.records().isEmpty() ? 0 : contents.records().get(contents.records().size() - 1).seq());
        } catch (IOException e) {
            throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "cannot reopen the journal " + path + ": " + e.getMessage(), e);
        }
    }

    /** A journal over an already open channel: lets a test write to /dev/full to see a real ENOSPC. */
    static Journal over(Path path, FileChannel channel) {
        return new Journal(path, channel, 0);
    }

    public Path path() {
        return path;
    }

    /** Appends and syncs one record; returns it as written (with its sequence number and time). */
    public synchronized JournalRecord append(JournalRecord r) {
        JournalRecord stamped = r.stamped(seq + 1, Instant.now().toString());
        String json = LayoutCodec.toJsonLine(stamped);
        String line = stamped.seq() + " " + crc(json) + " " + json + "\n";
        try {
            ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "cannot write the journal " + path + " ("
                    + e.getMessage() + "): stopped before the next change", e);
        }
        seq = stamped.seq();
        return stamped;
    }

    static String crc(String json) {
        CRC32 c = new CRC32();
        c.update(json.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", c.getValue());
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Every record was already synced; nothing is lost by a failed close.
        }
    }
}
