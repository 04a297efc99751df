package org.networktool.executors;

import java.util.ArrayList;
import java.util.List;

/**
 * How commands reach the host: optionally inside a network namespace ({@code ip netns exec NS}),
 * and with ovs-vsctl/ovs-appctl pointed at a given database socket and vswitchd control socket
 * (a lab or a non-default Open vSwitch). The default is this host as it is.
 */
public record HostAccess(String netns, String ovsDb, String ovsTarget) {
    public static final HostAccess LOCAL = new HostAccess(null, null, null);

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
