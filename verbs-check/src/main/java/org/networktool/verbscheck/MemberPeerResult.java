package org.networktool.verbscheck;

/**
 * One RC ping-pong from an Open vSwitch member's own RDMA path (its port, the RoCE v2 default GID of
 * its MAC) to one RoCE port a peer advertised ({@code peerPort}: device/port and GID).
 */
public record MemberPeerResult(String member, String mac, String peerPort, PeerResult result) {
}
