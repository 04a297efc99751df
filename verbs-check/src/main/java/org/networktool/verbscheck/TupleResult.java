package org.networktool.verbscheck;

/**
 * One 5-tuple (this host's source port to the peer's probe port): the member its request left on,
 * the member(s) its reply arrived on ({@code a+b} when seen on more than one), and the round trip.
 */
public record TupleResult(int sourcePort, String sentOn, String receivedOn, TupleVerdict verdict, Double rttUs) {
}
