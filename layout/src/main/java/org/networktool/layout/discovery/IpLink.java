package org.networktool.layout.discovery;

/** The facts {@code ip -j -d link} gives about one netdev. */
record IpLink(String name, int ifindex, String kind, String slaveKind, String master, Integer mtu,
              String operstate, String mac, String linkType) {
}
