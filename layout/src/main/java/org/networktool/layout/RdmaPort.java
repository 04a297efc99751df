package org.networktool.layout;

import java.util.List;

/** One port of an RDMA device and the netdev its RoCE traffic leaves on. */
public record RdmaPort(
        int port,
        String state,
        String physicalState,
        String linkLayer,
        Integer activeMtu,
        String netdev,
        List<Gid> gids) {

    public RdmaPort {
        gids = Lists.copy(gids);
    }

    public boolean isActive() {
        return state != null && state.contains("ACTIVE");
    }
}
