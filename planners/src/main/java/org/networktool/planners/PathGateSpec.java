package org.networktool.planners;

/**
 * The L4 path gate of a balance-tcp bond: from every member, at least {@code minSymmetric} of
 * {@code tuples} UDP 5-tuples to each peer's path responder on {@code port} come back on the
 * member they left on.
 */
public record PathGateSpec(int port, int minSymmetric, int tuples) {
}
