package org.networktool.verbscheck;

/**
 * One flow label over a flow-label probe: the UDP source port it gives, the verdict, rounds answered
 * here and requests the peer received, and the median round trip of the answered rounds (null: none).
 */
public record FlowResult(int label, int sourcePort, FlowVerdict verdict, int answered, int received, Double medianUs) {
}
