package org.networktool.planners;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A check that must hold before or after a step: one of a closed set, each with the values it checks. The planner
 * makes them; the executor checks them on the live host (or a practice host) and journals their figures. In a plan's
 * JSON and YAML a gate is written with its {@code kind} beside its values.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Gate.Preflight.class, name = "PREFLIGHT"),
    @JsonSubTypes.Type(value = Gate.StorageIp.class, name = "STORAGE_IP"),
    @JsonSubTypes.Type(value = Gate.Reachability.class, name = "REACHABILITY"),
    @JsonSubTypes.Type(value = Gate.OvsBridge.class, name = "OVS_BRIDGE"),
    @JsonSubTypes.Type(value = Gate.OvsBond.class, name = "OVS_BOND"),
    @JsonSubTypes.Type(value = Gate.LacpPartner.class, name = "LACP_PARTNER"),
    @JsonSubTypes.Type(value = Gate.Rdma.class, name = "RDMA"),
    @JsonSubTypes.Type(value = Gate.RdmaPingPong.class, name = "RDMA_PINGPONG"),
    @JsonSubTypes.Type(value = Gate.PathSymmetry.class, name = "PATH_SYMMETRY"),
    @JsonSubTypes.Type(value = Gate.OvsPersisted.class, name = "OVS_PERSISTED"),
    @JsonSubTypes.Type(value = Gate.Target.class, name = "TARGET")})
public sealed interface Gate {
    GateKind kind();

    String description();

    /** How progress lines and the journal name a gate: {@code [rdma-pingpong]}. */
    default String label() {
        return "[" + kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "]";
    }

    /** Running as root with {@code tools} on the PATH; ovs-vswitchd answers. */
    record Preflight(String description, List<String> tools) implements Gate {
        public Preflight {
            tools = List.copyOf(tools);
        }

        public GateKind kind() {
            return GateKind.PREFLIGHT;
        }
    }

    /** The storage {@code addresses} sit on {@code iface} and on no other interface. */
    record StorageIp(String description, String iface, List<String> addresses) implements Gate {
        public StorageIp {
            addresses = List.copyOf(addresses);
        }

        public GateKind kind() {
            return GateKind.STORAGE_IP;
        }
    }

    /** Every peer answers from the storage IP. */
    record Reachability(String description, List<String> peers) implements Gate {
        public Reachability {
            peers = List.copyOf(peers);
        }

        public GateKind kind() {
            return GateKind.REACHABILITY;
        }
    }

    /** The bridge with its internal port exists, and (kernel datapath, live) ovs-vswitchd can forward through it. */
    record OvsBridge(String description, String bridge, String port) implements Gate {
        public GateKind kind() {
            return GateKind.OVS_BRIDGE;
        }
    }

    /** The OVS bond exists with {@code members} enabled and, active-backup, an active member. */
    record OvsBond(String description, String bond, List<String> members) implements Gate {
        public OvsBond {
            members = List.copyOf(members);
        }

        public GateKind kind() {
            return GateKind.OVS_BOND;
        }
    }

    /** Every member of the bond sees one LACP partner system and key: one port-channel. */
    record LacpPartner(String description, String bond) implements Gate {
        public GateKind kind() {
            return GateKind.LACP_PARTNER;
        }
    }

    /**
     * RDMA ports ACTIVE with their RoCE v2 GIDs: with no {@code members}, the storage RDMA devices' GID for the storage IP;
     * with {@code members} (hardware RoCE in an OVS bond), each member's function with the GID of its own MAC.
     */
    record Rdma(String description, List<String> members) implements Gate {
        public Rdma {
            members = members == null ? List.of() : List.copyOf(members);
        }

        public GateKind kind() {
            return GateKind.RDMA;
        }
    }

    /**
     * RC round trips to every peer's probe responder on {@code port}: with no {@code members}, from at least one path per
     * NIC; with {@code members}, from each member's own path to every link-local RoCE port of every peer, on
     * {@code flowLabels} flow labels when a port-channel hashes them (null: one).
     */
    record RdmaPingPong(String description, List<String> peers, int port, List<String> members, Integer flowLabels) implements Gate {
        public RdmaPingPong {
            peers = List.copyOf(peers);
            members = members == null ? List.of() : List.copyOf(members);
        }

        public GateKind kind() {
            return GateKind.RDMA_PINGPONG;
        }
    }

    /** balance-tcp: from every member carrying traffic, at least {@code min} of {@code tuples} UDP 5-tuples come back on it. */
    record PathSymmetry(String description, String bond, List<String> peers, int port, int min, int tuples) implements Gate {
        public PathSymmetry {
            peers = List.copyOf(peers);
        }

        public GateKind kind() {
            return GateKind.PATH_SYMMETRY;
        }
    }

    /** The database file ovsdb-server loads at boot holds the bridge, the bond with its members and the internal port. */
    record OvsPersisted(String description, String bridge, String bond, List<String> members, String port) implements Gate {
        public OvsPersisted {
            members = List.copyOf(members);
        }

        public GateKind kind() {
            return GateKind.OVS_PERSISTED;
        }
    }

    /** After the last step the live host is the target (nmstate's verify); the executor checks it, no step plans it. */
    record Target(String description) implements Gate {
        public GateKind kind() {
            return GateKind.TARGET;
        }
    }
}
