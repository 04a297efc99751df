package org.networktool.layout;

/**
 * One end a RoCE v2 queue pair can use on a host: an RDMA device's port, the GID (index and
 * value) its QPs take as source, the MAC that traffic carries and the netdev the GID belongs to.
 * What {@code probe serve} advertises of its host, and what a plan needs to reach a peer's port.
 */
public record RocePortPath(String device, int port, int gidIndex, String gid, String mac, String netdev) {

    /** A link-local GID (fe80::/64): reachable on one L2 segment only, its MAC resolved through IPv6 neighbours. */
    public boolean isLinkLocal() {
        return gid.toLowerCase(java.util.Locale.ROOT).startsWith("fe80:");
    }
}
