package org.networktool.verbscheck;

/** A flow-label probe from an Open vSwitch member's own RDMA path to one RoCE port a peer advertised. */
public record MemberFlowResult(String member, String mac, FlowPathResult result) {
}
