package org.networktool.layout.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.networktool.layout.HostLayout;
import org.networktool.layout.IpAddress;
import org.networktool.layout.Netdev;
import org.networktool.layout.NetdevKind;
import org.networktool.layout.Ovs;
import org.networktool.layout.OvsBridge;
import org.networktool.layout.OvsInterface;
import org.networktool.layout.OvsPort;
import org.networktool.layout.Route;
import org.networktool.layout.SourceWarning;
import org.networktool.layout.StorageDetector;
import org.networktool.layout.StorageSelector;

/**
 * Reads a host's layout through a root and a command source: the same code reads a live host
 * ({@code /} and real commands) and a captured one ({@code samples/NAME}). Read-only: it never
 * changes the host. What a source cannot give becomes a warning in the layout.
 */
public final class HostInspector {
    private final HostRoot root;
    private final CommandSource source;
    private final String sourceLabel;
    private final java.util.Map<String, String> nicMap;

    public HostInspector(HostRoot root, CommandSource commands, String sourceLabel) {
        this(root, commands, sourceLabel, java.util.Map.of());
    }

    /** {@code nicMap}: port → NIC for ports without a PCI device (the lab's veths), as {@link NicMap} reads it. */
    public HostInspector(HostRoot root, CommandSource commands, String sourceLabel, java.util.Map<String, String> nicMap) {
        this.root = root;
        this.source = commands;
        this.sourceLabel = sourceLabel;
        this.nicMap = java.util.Map.copyOf(nicMap);
    }

    public HostLayout inspect(StorageSelector selector) {
        try (var t = org.networktool.layout.Timings.start("read host (" + sourceLabel + ")")) {
            return read(selector);
        }
    }

    /** This read's queries: on a live host all started at once (the RDMA ones where there are RDMA devices), each timed. */
    private CommandSource queries() {
        CommandSource s = source;
        if (source.concurrent()) {
            java.util.Set<HostQuery> all = java.util.EnumSet.allOf(HostQuery.class);
            all.remove(HostQuery.IP_NEIGH);
            if (!root.isDirectory(RdmaReader.IB)) {
                all.removeAll(java.util.Set.of(HostQuery.RDMA_LINK, HostQuery.IBV_DEVINFO));
            }
            s = new ConcurrentQueries(source, all);
        }
        CommandSource started = s;
        return query -> {
            try (var t = org.networktool.layout.Timings.start(query.display())) {
                return started.run(query);
            }
        };
    }

    private HostLayout read(StorageSelector selector) {
        Warnings warnings = new Warnings();
        CommandSource commands = queries();
        Map<String, IpLink> links = links(commands, warnings);
        Map<String, List<IpAddress>> addresses = addresses(commands, warnings);
        EmulatedRdmaFunctions lab = EmulatedRdmaFunctions.fromEnvironment(warnings);
        List<Netdev> netdevs = lab.hide(NicMap.apply(new NetdevReader(root, warnings).read(links, addresses), nicMap));
        Ovs ovs = new OvsReader(commands, warnings).read();
        netdevs = markOvsInternal(netdevs, ovs);
        List<Route> routes = new ArrayList<>(routes(commands, HostQuery.IP_ROUTE4, "inet", warnings));
        routes.addAll(routes(commands, HostQuery.IP_ROUTE6, "inet6", warnings));
        HostLayout layout = new HostLayout(HostLayout.SCHEMA, hostname(), sourceLabel, null,
                NicGrouping.group(netdevs), netdevs, new BondReader(root, warnings).read(netdevs), routes, ovs,
                lab.apply(new RdmaReader(root, commands, warnings).read(), netdevs), warnings.list());
        StorageDetector.Result storage = StorageDetector.detect(layout, selector);
        List<SourceWarning> all = new ArrayList<>(layout.warnings());
        all.addAll(root.refusals());
        all.addAll(storage.warnings());
        return new HostLayout(layout.schema(), layout.hostname(), layout.source(), storage.storage(), layout.nics(),
                layout.netdevs(), layout.bonds(), layout.routes(), layout.ovs(), layout.rdma(), all);
    }

    /** A userspace-datapath internal port is a tap device to the kernel; OVS knows it is internal. */
    private static List<Netdev> markOvsInternal(List<Netdev> netdevs, Ovs ovs) {
        Set<String> internal = ovs.bridges().stream().map(OvsBridge::ports).flatMap(List::stream)
                .map(OvsPort::interfaces).flatMap(List::stream).filter(i -> "internal".equals(i.type()))
                .map(OvsInterface::name).collect(Collectors.toSet());
        return netdevs.stream().map(n -> internal.contains(n.name()) && n.kind() != NetdevKind.OVS_INTERNAL
                ? new Netdev(n.name(), n.ifindex(), NetdevKind.OVS_INTERNAL, n.mac(), n.mtu(), n.operstate(), n.carrier(),
                        n.speedMbps(), n.driver(), n.pciAddress(), n.nic(), n.master(), n.addresses())
                : n).toList();
    }

    private String hostname() {
        return root.readQuietly("proc/sys/kernel/hostname").or(() -> root.readQuietly("etc/hostname")).orElse("unknown");
    }

    private static Map<String, IpLink> links(CommandSource commands, Warnings warnings) {
        Map<String, IpLink> map = new LinkedHashMap<>();
        CommandResult r = commands.run(HostQuery.IP_LINK);
        if (!r.isOk()) {
            warnings.add(HostQuery.IP_LINK.label(), "link kinds and masters from sysfs only (" + r.failure() + ")");
            return map;
        }
        try {
            IpJsonParser.links(r.output()).forEach(l -> map.put(l.name(), l));
        } catch (MalformedSourceException e) {
            warnings.add(HostQuery.IP_LINK.label(), e.getMessage());
        }
        return map;
    }

    private static Map<String, List<IpAddress>> addresses(CommandSource commands, Warnings warnings) {
        CommandResult r = commands.run(HostQuery.IP_ADDR);
        if (!r.isOk()) {
            warnings.add(HostQuery.IP_ADDR.label(), "addresses unknown (" + r.failure() + ")");
            return Map.of();
        }
        try {
            return IpJsonParser.addresses(r.output());
        } catch (MalformedSourceException e) {
            warnings.add(HostQuery.IP_ADDR.label(), e.getMessage());
            return Map.of();
        }
    }

    private static List<Route> routes(CommandSource commands, HostQuery query, String family, Warnings warnings) {
        CommandResult r = commands.run(query);
        if (!r.isOk()) {
            warnings.add(query.label(), "routes unknown (" + r.failure() + ")");
            return List.of();
        }
        try {
            return IpJsonParser.routes(r.output(), family);
        } catch (MalformedSourceException e) {
            warnings.add(query.label(), e.getMessage());
            return List.of();
        }
    }
}
