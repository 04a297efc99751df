package org.networktool.planners;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The desired storage network: an OVS bridge with an internal port carrying the storage IP and a
 * bond over members on two or more NICs. Given as YAML ({@value #SCHEMA}) or derived from the
 * host by {@link TargetDeriver}. {@code reasons} explain a derived target and are display-only.
 * {@code rdmaProbePort}: where the peers' {@code network-tool probe serve} answers; when set, the
 * gates prove RC ping-pong to every peer (null: no verbs-level gates).
 */
@JsonPropertyOrder({"schema", "storageInterface", "bridge", "internalPort", "datapathType", "bond", "mtu", "softRoce", "peers", "reasons", "rdmaProbePort"})
public record TargetSpec(
        String schema,
        String storageInterface,
        String bridge,
        String internalPort,
        String datapathType,
        BondSpec bond,
        Integer mtu,
        List<String> softRoce,
        List<String> peers,
        List<String> reasons,
        Integer rdmaProbePort) {

    public static final String SCHEMA = "network-tool/target/v1";
    public static final String DEFAULT_BRIDGE = "br-storage";
    public static final String DEFAULT_INTERNAL_PORT = "storage";
    public static final String DEFAULT_BOND = "bond-storage";

    public TargetSpec {
        schema = schema == null ? SCHEMA : schema;
        bridge = bridge == null ? DEFAULT_BRIDGE : bridge;
        internalPort = internalPort == null ? DEFAULT_INTERNAL_PORT : internalPort;
        datapathType = datapathType == null ? "system" : datapathType;
        softRoce = softRoce == null ? List.of() : List.copyOf(softRoce);
        peers = peers == null ? List.of() : List.copyOf(peers);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public TargetSpec withRdmaProbePort(Integer port) {
        return new TargetSpec(schema, storageInterface, bridge, internalPort, datapathType, bond, mtu, softRoce, peers, reasons, port);
    }

    public TargetSpec withPeers(List<String> newPeers) {
        return new TargetSpec(schema, storageInterface, bridge, internalPort, datapathType, bond, mtu, softRoce, newPeers, reasons, rdmaProbePort);
    }
}
