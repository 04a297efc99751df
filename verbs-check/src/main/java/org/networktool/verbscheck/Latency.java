package org.networktool.verbscheck;

import java.util.Arrays;

/** Round-trip times of a ping-pong, in microseconds. */
public record Latency(int roundTrips, double minUs, double medianUs, double p99Us, double maxUs, double meanUs) {

    public static Latency of(long[] nanos) {
        if (nanos.length == 0) {
            return new Latency(0, 0, 0, 0, 0, 0);
        }
        long[] s = nanos.clone();
        Arrays.sort(s);
        double sum = 0;
        for (long n : s) {
            sum += n;
        }
        return new Latency(s.length, us(s[0]), us(s[(s.length - 1) / 2]), us(s[(int) Math.ceil(s.length * 0.99) - 1]), us(s[s.length - 1]),
                sum / s.length / 1000.0);
    }

    private static double us(long nanos) {
        return nanos / 1000.0;
    }

    /** {@code min 210.3 / median 250.1 / p99 900.0 / max 1200.4 us} (ASCII: a console without a UTF-8 locale shows it too). */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "min %.1f / median %.1f / p99 %.1f / max %.1f us", minUs, medianUs, p99Us, maxUs);
    }
}
