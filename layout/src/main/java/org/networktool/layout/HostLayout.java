package org.networktool.layout;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;

/**
 * Everything the tool knows about one host's network: what {@code inspect} reads and what a
 * target describes. An immutable value; {@link LayoutCodec} writes and reads it as
 * {@value #SCHEMA}.
 */
@JsonPropertyOrder({"schema", "hostname", "source", "storage", "nics", "netdevs", "bonds", "routes", "ovs", "rdma", "warnings"})
public record HostLayout(
        String schema,
        String hostname,
        String source,
        StorageNetwork storage,
        List<Nic> nics,
        List<Netdev> netdevs,
        List<LinuxBond> bonds,
        List<Route> routes,
        Ovs ovs,
        List<RdmaDevice> rdma,
        List<SourceWarning> warnings) {

    public static final String SCHEMA = "network-tool/layout/v1";

    public HostLayout {
        schema = schema == null ? SCHEMA : schema;
        nics = Lists.copy(nics);
        netdevs = Lists.copy(netdevs);
        bonds = Lists.copy(bonds);
        routes = Lists.copy(routes);
        ovs = ovs == null ? Ovs.ABSENT : ovs;
        rdma = Lists.copy(rdma);
        warnings = Lists.copy(warnings);
    }

    public Optional<Netdev> netdev(String name) {
        return netdevs.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Optional<LinuxBond> bond(String name) {
        return bonds.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    public Optional<Nic> nicOf(String netdev) {
        return nics.stream().filter(n -> n.ports().contains(netdev)).findFirst();
    }

    public HostLayout withStorage(StorageNetwork newStorage) {
        return new HostLayout(schema, hostname, source, newStorage, nics, netdevs, bonds, routes, ovs, rdma, warnings);
    }
}
