package org.networktool.verbscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StreamDeliveryTest {
    @Test
    void deliversInOrderExactlyOnce() {
        StreamDelivery d = new StreamDelivery();
        for (long s : new long[] {0, 2, 1, 1, 3, 0, 5}) {
            d.receive(s);
        }
        assertEquals(4, d.delivered(), "0..3 in order; 5 waits for 4");
        assertEquals(2, d.duplicates());
        assertEquals(1, d.waiting());
        d.receive(5);
        assertEquals(3, d.duplicates(), "a waiting message received again is a duplicate too");
        d.receive(4);
        assertEquals(6, d.delivered());
        assertEquals(0, d.waiting());
    }

    @Test
    void refusesWhatNoWindowAllows() {
        StreamDelivery d = new StreamDelivery();
        d.receive(StreamDelivery.MAX_AHEAD);
        assertEquals(1, d.refused());
        assertEquals(0, d.delivered());
    }
}
