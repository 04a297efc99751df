package org.networktool.layout;

/** A GID table entry; {@code ip} is the IPv4 or IPv6 address a RoCE GID encodes. */
public record Gid(int index, String gid, String type, String netdev, String ip) {
    public Gid {
        Lists.required(gid, "gid");
    }

    public boolean isRoceV2() {
        return "RoCE v2".equals(type);
    }
}
