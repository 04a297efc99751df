package org.networktool.executors;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How commands reach the host: optionally inside a network namespace ({@code ip netns exec NS}),
 * and with ovs-vsctl/ovs-appctl pointed at a given database socket and vswitchd control socket
 * (a lab or a non-default Open vSwitch), and configuration files under {@code configRoot} (a lab's
 * folder instead of {@code /}). The default is this host as it is.
 */
public record HostAccess(String netns, String ovsDb, String ovsTarget, Path configRoot) {
    public static final HostAccess LOCAL = new HostAccess(null, null, null, Path.of("/"));

    public HostAccess(String netns, String ovsDb, String ovsTarget) {
        this(netns, ovsDb, ovsTarget, Path.of("/"));
    }

    public HostAccess withConfigRoot(Path root) {
        return new HostAccess(netns, ovsDb, ovsTarget, root);
    }

    public List<String> argv(List<String> argv) {
        List<String> out = new ArrayList<>();
        if (netns != null) {
            out.addAll(List.of("ip", "netns", "exec", netns));
        }
        out.add(argv.get(0));
        if (ovsDb != null && argv.get(0).equals("ovs-vsctl")) {
            out.add("--db=" + ovsDb);
        }
        if (ovsTarget != null && argv.get(0).equals("ovs-appctl")) {
            out.add("--target=" + ovsTarget);
        }
        out.addAll(argv.subList(1, argv.size()));
        return out;
    }
}
