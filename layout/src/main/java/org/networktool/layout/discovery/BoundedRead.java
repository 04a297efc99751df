package org.networktool.layout.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One file read at most {@code limit} bytes long and within a deadline, on the caller's thread: a captured root can sit
 * on a network or FUSE filesystem that stops answering. The deadline interrupts the read, which closes an interruptible
 * channel and wakes the blocked {@code read(2)}; one shared timer thread serves every read.
 */
final class BoundedRead {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "read-deadline");
        t.setDaemon(true);
        return t;
    });

    private BoundedRead() {
    }

    /** Why a read gave no content. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    /** The file's bytes; {@link Refused} when it is longer than {@code limit} or does not answer in time. */
    static byte[] read(Path file, int limit, Duration deadline) throws IOException, Refused {
        Thread reader = Thread.currentThread();
        Object guard = new Object();
        boolean[] state = new boolean[2]; // [0] the read ended, [1] the deadline fired
        ScheduledFuture<?> alarm = TIMER.schedule(() -> {
            synchronized (guard) {
                if (!state[0]) {
                    state[1] = true;
                    reader.interrupt();
                }
            }
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try (SeekableByteChannel ch = Files.newByteChannel(file); InputStream in = Channels.newInputStream(ch)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new Refused("larger than " + (limit >> 20) + " MiB, not read");
            }
            return bytes;
        } catch (ClosedByInterruptException e) {
            synchronized (guard) {
                if (state[1]) {
                    throw new Refused("gave no answer within " + deadline.toSeconds() + " s, not read");
                }
            }
            throw e;
        } finally {
            alarm.cancel(false);
            synchronized (guard) {
                state[0] = true;
                if (state[1]) {
                    Thread.interrupted(); // the deadline's interrupt is ours, not the caller's
                }
            }
        }
    }
}
