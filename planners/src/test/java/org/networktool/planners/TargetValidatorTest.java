package org.networktool.planners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.networktool.layout.HostLayout;

/** Each refusal names its subject and says what to do; all are reported together. */
class TargetValidatorTest {
    private static final HostLayout AB = Hosts.sample("ab-hwroce");
    private static final TargetSpec DERIVED = TargetDeriver.derive(AB, "system").target();

    private static TargetSpec bond(UnaryOperator<BondSpec> change) {
        return new TargetSpec(null, DERIVED.storageInterface(), DERIVED.bridge(), DERIVED.internalPort(), DERIVED.datapathType(),
                change.apply(DERIVED.bond()), DERIVED.mtu(), DERIVED.softRoce(), DERIVED.peers(), List.of(), null);
    }

    private static BondSpec members(BondSpec b, String... m) {
        return new BondSpec(b.name(), b.mode(), List.of(m), b.lacp(), b.detectMode(), b.miimonIntervalMs(), b.updelayMs(), b.downdelayMs());
    }

    private static BondSpec mode(BondSpec b, String mode, LacpSpec lacp) {
        return new BondSpec(b.name(), mode, b.members(), lacp, b.detectMode(), b.miimonIntervalMs(), b.updelayMs(), b.downdelayMs());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("one NIC", bond(b -> members(b, "ens1f0", "ens1f1")), "bond.members", "at least two NICs"),
                Arguments.of("missing member", bond(b -> members(b, "ens1f0", "ens9f0", "ens2f0")), "member ens9f0", "no such interface"),
                Arguments.of("busy member", bond(b -> members(b, "ens1f0", "eno1", "ens2f0")), "member eno1", "carries addresses"),
                Arguments.of("not a port", bond(b -> members(b, "ens1f0", "lo", "ens2f0")), "member lo", "not a NIC port"),
                Arguments.of("slb", bond(b -> mode(b, "balance-slb", null)), "bond.mode", "MAC flap"),
                Arguments.of("other mode", bond(b -> mode(b, "802.3ad", null)), "bond.mode", "not supported"),
                Arguments.of("tcp without lacp", bond(b -> mode(b, "balance-tcp", null)), "bond.lacp", "needs LACP"),
                Arguments.of("bad lacp time", bond(b -> mode(b, "balance-tcp", new LacpSpec("active", "quick", true))), "bond.lacp.time", "fast"),
                Arguments.of("bad name", bond(b -> new BondSpec("bond-storage-for-rdma", b.mode(), b.members(), null, "carrier", null, 0, 0)),
                        "bond.name", "at most 15"),
                Arguments.of("bad detect", bond(b -> new BondSpec(b.name(), b.mode(), b.members(), null, "arp", null, 0, 0)),
                        "bond.detectMode", "carrier or miimon"),
                Arguments.of("bridge name taken by a netdev", new TargetSpec(null, "bond0", "ens2f1", "storage", "system",
                        members(DERIVED.bond(), "ens1f0", "ens2f0"), 9000, List.of(), List.of(), List.of(), null), "bridge ens2f1", "already exists"),
                Arguments.of("internal port name taken", new TargetSpec(null, "bond0", "br-storage", "eno1", "system",
                        DERIVED.bond(), 9000, List.of(), List.of(), List.of(), null), "internalPort eno1", "already exists"),
                Arguments.of("wrong source", new TargetSpec(null, "bond7", "br-storage", "storage", "system",
                        DERIVED.bond(), 9000, List.of(), List.of(), List.of(), null), "storageInterface", "it is on bond0"),
                Arguments.of("no such rxe", new TargetSpec(null, "bond0", "br-storage", "storage", "system",
                        DERIVED.bond(), 9000, List.of("rxe3"), List.of(), List.of(), null), "softRoce rxe3", "no Soft-RoCE device"),
                Arguments.of("bad datapath", new TargetSpec(null, "bond0", "br-storage", "storage", "dpdk",
                        DERIVED.bond(), 9000, List.of(), List.of(), List.of(), null), "datapathType", "system"),
                Arguments.of("routed peer on a hardware RoCE host", new TargetSpec(null, "bond0", "br-storage", "storage", "system",
                        DERIVED.bond(), 9000, List.of(), List.of("10.10.1.12", "10.20.7.3"), List.of(), null), "peer 10.20.7.3",
                        "link-local GID"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses(String name, TargetSpec target, String subject, String words) {
        Plan p = Planner.plan(PlanRequest.of(AB).target(target));
        assertEquals(Verdict.ERRORED, p.verdict());
        assertTrue(p.errors().stream().anyMatch(e -> e.subject().equals(subject) && e.message().contains(words)),
                () -> "expected " + subject + " ~ " + words + " in " + p.errors());
        assertTrue(p.steps().isEmpty());
    }

    @Test
    void allErrorsAtOnce() {
        TargetSpec bad = new TargetSpec(null, "bond0", "br-storage", "storage", "system",
                new BondSpec("bond-storage", "balance-slb", List.of("ens1f0", "ens9f9"), null, "carrier", null, 0, 0), 9000,
                List.of(), List.of(), List.of(), null);
        List<String> subjects = Planner.plan(PlanRequest.of(AB).target(bad)).errors().stream().map(PlanError::subject).toList();
        assertTrue(subjects.containsAll(List.of("bond.mode", "member ens9f9", "bond.members")), subjects.toString());
    }

    @Test
    void storageIpOnTwoInterfaces() {
        var netdevs = new java.util.ArrayList<>(AB.netdevs());
        var eno1 = AB.netdev("eno1").orElseThrow();
        var extra = new java.util.ArrayList<>(eno1.addresses());
        extra.add(new org.networktool.layout.IpAddress("inet", "10.10.1.11", 24, "global"));
        netdevs.set(netdevs.indexOf(eno1), new org.networktool.layout.Netdev(eno1.name(), eno1.ifindex(), eno1.kind(), eno1.mac(), eno1.mtu(),
                eno1.operstate(), eno1.carrier(), eno1.speedMbps(), eno1.driver(), eno1.pciAddress(), eno1.nic(), null, extra));
        HostLayout dup = new HostLayout(null, AB.hostname(), AB.source(), AB.storage(), AB.nics(), netdevs, AB.bonds(), AB.routes(),
                AB.ovs(), AB.rdma(), List.of());
        Plan p = Planner.plan(PlanRequest.of(dup).target(DERIVED));
        assertTrue(p.errors().stream().anyMatch(e -> e.message().contains("on more than one interface")), p.errors().toString());
    }

    /** A hardware RoCE member with IPv6 disabled by policy could not resolve a peer's link-local GID: refused at plan time. */
    @Test
    void ipv6DisabledOnAMemberOfAHardwareRoceHost() {
        var netdevs = new java.util.ArrayList<>(AB.netdevs());
        var m = AB.netdev("ens2f0").orElseThrow();
        netdevs.set(netdevs.indexOf(m), new org.networktool.layout.Netdev(m.name(), m.ifindex(), m.kind(), m.mac(), m.mtu(), m.operstate(),
                m.carrier(), m.speedMbps(), m.driver(), m.pciAddress(), m.nic(), m.master(), m.addresses(), true));
        HostLayout off = new HostLayout(null, AB.hostname(), AB.source(), AB.storage(), AB.nics(), netdevs, AB.bonds(), AB.routes(),
                AB.ovs(), AB.rdma(), List.of());
        Plan p = Planner.plan(PlanRequest.of(off).target(DERIVED));
        assertTrue(p.errors().stream().anyMatch(e -> e.subject().equals("member ens2f0") && e.message().startsWith("IPv6 is disabled on ens2f0")
                && e.message().contains("disable_ipv6=0")), p.errors().toString());
        assertTrue(Planner.plan(PlanRequest.of(AB).target(DERIVED)).errors().isEmpty(), "unknown (a capture that does not say) is not refused");
    }

    @Test
    void noStorageNetwork() {
        HostLayout none = AB.withStorage(null);
        assertEquals("storage", TargetDeriver.derive(none, "system").errors().get(0).subject());
        assertTrue(Planner.plan(PlanRequest.of(none).target(DERIVED)).errors().stream().anyMatch(e -> e.message().contains("no storage IP")));
    }

    @Test
    void derivationExplainsItself() {
        assertEquals(List.of("ens1f0", "ens1f1", "ens2f0", "ens2f1"), DERIVED.bond().members());
        assertTrue(DERIVED.reasons().stream().anyMatch(r -> r.contains("NIC 0000:5e:00 — same speed 25000 Mb/s, free, carrier up")), DERIVED.reasons().toString());
        assertTrue(DERIVED.reasons().stream().anyMatch(r -> r.startsWith("NIC 0000:19:00 not used: eno1 carries addresses")));
        TargetSpec lag = TargetDeriver.derive(Hosts.sample("lacp-roce-lag"), "system").target();
        assertEquals("balance-tcp", lag.bond().mode());
        assertEquals(new LacpSpec("active", "fast", true), lag.bond().lacp());
        assertEquals(List.of("rxe0"), TargetDeriver.derive(Hosts.sample("softroce"), "system").target().softRoce());
    }

    @Test
    void degradedHostStillKeepsTheActiveSlave() {
        HostLayout l = Hosts.sample("degraded");
        Plan p = Planner.plan(PlanRequest.of(l).target(TargetDeriver.derive(l, "system").target()));
        Step build = p.steps().stream().filter(s -> s.id().equals("build-bond")).findFirst().orElseThrow();
        assertTrue(build.title().contains("never the active ens1f0"), build.title());
    }
}
