package org.networktool.verbscheck;

import java.util.Set;

/**
 * What the host knows about its paths outside a stream: the RDMA ports ("device/port") whose bond member has stopped
 * carrying, as {@code watch}'s published map says. Asked often; an implementation answers from what it last read.
 */
@FunctionalInterface
public interface DownPorts {
    DownPorts NONE = Set::of;

    Set<String> now();
}
