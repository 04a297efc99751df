package org.networktool.rollback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.NetworkToolException;

/**
 * One run per host. The OS lock on the file is held while the process lives and released when it
 * dies (even by kill -9), so a dead holder never blocks; the file's text names the holder for the
 * message a second run prints.
 */
public final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;
    private final String previousHolder;

    private RunLock(FileChannel channel, FileLock lock, String previousHolder) {
        this.channel = channel;
        this.lock = lock;
        this.previousHolder = previousHolder;
    }

    /**
     * Waits up to {@code waitMs} for the lock: for `confirm` and the watchdog, which may arrive while
     * `upgrade` is still handing its run over to the confirm window.
     */
    public static RunLock acquire(StateDir state, String command, long waitMs) {
        long end = System.currentTimeMillis() + waitMs;
        while (true) {
            try {
                return acquire(state, command);
            } catch (NetworkToolException e) {
                if (e.kind() != ErrorKind.LOCKED || System.currentTimeMillis() >= end) {
                    throw e;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new NetworkToolException(ErrorKind.LOCKED, "interrupted while waiting for the lock " + state.lockFile());
            }
        }
    }

    public static RunLock acquire(StateDir state, String command) {
        state.ensure();
        Path file = state.lockFile();
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null; // held by this very process (the shell runs commands in one JVM)
            }
            // Read through this channel: closing any other descriptor of the file would drop the POSIX lock.
            String holder = read(ch);
            if (lock == null) {
                ch.close();
                throw new NetworkToolException(ErrorKind.LOCKED, "another run holds the lock " + file + " ("
                        + (holder.isEmpty() ? "holder unknown" : holder) + "): wait for it to finish");
            }
            String previous = holder.isEmpty() ? null : holder;
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", started " + Instant.now() + ", command: "
                    + command + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
            return new RunLock(ch, lock, previous);
        } catch (IOException e) {
            throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "cannot take the lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        ch.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
    }

    /** Who held the lock before and died without releasing its record (the OS had released the lock itself). */
    public Optional<String> staleHolder() {
        if (previousHolder == null) {
            return Optional.empty();
        }
        long pid = parsePid(previousHolder);
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? Optional.empty() : Optional.of(previousHolder);
    }

    private static long parsePid(String holder) {
        try {
            return Long.parseLong(holder.replaceAll("^pid (\\d+),.*$", "$1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The OS releases the lock with the process anyway.
        }
    }
}
