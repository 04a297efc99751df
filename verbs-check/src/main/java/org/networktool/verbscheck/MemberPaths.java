package org.networktool.verbscheck;

import java.util.List;
import java.util.Map;

/**
 * The tuples whose requests left on one member: how many came back on it, on which other members
 * the rest came back, how many were lost, and the source ports to use for RDMA through it.
 */
public record MemberPaths(String member, int sent, int symmetric, int asymmetric, int lost, Map<String, Integer> returnedOn,
        List<Integer> symmetricPorts, Latency latency) {
}
