package org.networktool.layout.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.networktool.layout.HostLayout;
import org.networktool.layout.StorageNetwork;

/**
 * The storage peers a host already talks to, where the operator names none (DESIGN.md, "Peers for the gates"): the
 * entries of {@code ip neigh} on the storage interface whose address lies in a storage subnet and that the kernel
 * resolved (reachable, or stale, delay, probe, permanent; never failed or incomplete), leaving out the routers the
 * host's routes go through. Read-only, and a capture without the table simply has no peers.
 */
public final class NeighbourTable {
    /** Enough peers to prove the storage path; a gate pings each, so a big segment must not make every gate slow. */
    public static final int MAX_PEERS = 4;
    private static final Set<String> RESOLVED = Set.of("REACHABLE", "STALE", "DELAY", "PROBE", "PERMANENT");

    private NeighbourTable() {
    }

    /** A peer found, with the state the kernel gave its entry. */
    public record Peer(String address, String state) {
    }

    public static List<Peer> storagePeers(CommandSource commands, HostLayout layout) {
        StorageNetwork storage = layout.storage();
        if (storage == null || storage.interfaceName() == null) {
            return List.of();
        }
        CommandResult r = commands.run(HostQuery.IP_NEIGH);
        if (!r.isOk()) {
            return List.of();
        }
        JsonNode table;
        try {
            table = Json.parse(r.output(), HostQuery.IP_NEIGH.label());
        } catch (MalformedSourceException e) {
            return List.of();
        }
        if (!table.isArray()) {
            return List.of();
        }
        Set<String> routers = new java.util.HashSet<>();
        layout.routes().stream().map(org.networktool.layout.Route::gateway).filter(java.util.Objects::nonNull).forEach(routers::add);
        List<Peer> peers = new ArrayList<>();
        for (JsonNode n : table) {
            String dst = Json.text(n, "dst");
            String state = n.get("state") != null && n.get("state").isArray() && !n.get("state").isEmpty() ? n.get("state").get(0).asText() : null;
            if (dst == null || state == null || !storage.interfaceName().equals(Json.text(n, "dev")) || !RESOLVED.contains(state)
                    || routers.contains(dst) || peers.stream().anyMatch(p -> p.address().equals(dst)) || !inStorageSubnet(dst, storage.addresses())) {
                continue;
            }
            peers.add(new Peer(dst, state.toLowerCase(java.util.Locale.ROOT)));
            if (peers.size() == MAX_PEERS) {
                break;
            }
        }
        return List.copyOf(peers);
    }

    /** In the subnet of one of the storage addresses ("10.10.1.11/24") and not one of them. */
    static boolean inStorageSubnet(String dst, List<String> storageAddresses) {
        byte[] peer = numeric(dst);
        if (peer == null) {
            return false;
        }
        for (String a : storageAddresses) {
            int slash = a.indexOf('/');
            byte[] own = numeric(slash < 0 ? a : a.substring(0, slash));
            if (own == null || own.length != peer.length || java.util.Arrays.equals(own, peer)) {
                continue;
            }
            int bits;
            try {
                bits = slash < 0 ? own.length * 8 : Integer.parseInt(a.substring(slash + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            if (samePrefix(own, peer, Math.min(bits, own.length * 8))) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The address's bytes when it is a numeric IPv4 or IPv6 address (never a name: nothing is resolved), else null. */
    private static byte[] numeric(String s) {
        // Only a literal: a colon (IPv6) or a dotted quad, so getByName never looks a name up.
        if (s == null || !(s.matches("[0-9a-fA-F:.]{2,45}") && s.contains(":") || s.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
