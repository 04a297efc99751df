package org.networktool.layout.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A live read's queries run side by side; each reader still gets its own query's result. */
class ConcurrentQueriesTest {
    @Test
    void everyStartedQueryRunsAtOnceAndTheOthersWhenAsked() {
        EnumSet<HostQuery> started = EnumSet.of(HostQuery.IP_LINK, HostQuery.IP_ADDR, HostQuery.IP_ROUTE4, HostQuery.OVS_SYSTEM);
        // Each started query waits until all of them are running: run one after another, they would never finish.
        CountDownLatch allRunning = new CountDownLatch(started.size());
        AtomicInteger onDemand = new AtomicInteger();
        CommandSource host = q -> {
            if (!started.contains(q)) {
                onDemand.incrementAndGet();
                return CommandResult.ok("asked " + q);
            }
            allRunning.countDown();
            try {
                if (!allRunning.await(30, TimeUnit.SECONDS)) {
                    return CommandResult.failed("ran one after another");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CommandResult.ok("out of " + q);
        };
        ConcurrentQueries read = new ConcurrentQueries(host, started);
        for (HostQuery q : started) {
            assertEquals(CommandResult.ok("out of " + q), read.run(q));
        }
        assertEquals(0, onDemand.get());
        assertEquals(CommandResult.ok("asked " + HostQuery.IBV_DEVINFO), read.run(HostQuery.IBV_DEVINFO));
        assertEquals(1, onDemand.get());
    }

    @Test
    void aQueryThatThrowsThrowsToItsReader() {
        CommandSource host = q -> {
            throw new IllegalStateException("broken " + q);
        };
        ConcurrentQueries read = new ConcurrentQueries(host, EnumSet.of(HostQuery.IP_LINK));
        assertEquals("broken IP_LINK", assertThrows(IllegalStateException.class, () -> read.run(HostQuery.IP_LINK)).getMessage());
    }
}
