package org.networktool.planners;

/**
 * What the storage layer needs to open one queue pair per member after the migration: the member,
 * its NIC, the RDMA function and port whose traffic leaves on it, the RoCE v2 GID (index and value)
 * its QPs use as source, and the MAC that RoCE traffic carries.
 */
public record MemberRdmaPath(String member, String nic, String device, int port, int gidIndex, String gid, String mac) {
}
