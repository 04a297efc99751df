package org.networktool.verbscheck;

import java.util.List;
import org.networktool.layout.Gid;

/** One RDMA port as verbs sees it, with its RoCE v2 GIDs and what is wrong with it. */
public record PortReport(String device, int port, PortAttributes attributes, List<Gid> roceV2Gids, List<String> problems) {

    public PortReport {
        roceV2Gids = List.copyOf(roceV2Gids);
        problems = List.copyOf(problems);
    }
}
