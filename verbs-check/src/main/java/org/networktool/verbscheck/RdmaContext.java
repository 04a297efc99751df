package org.networktool.verbscheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import org.networktool.layout.Gid;

/** An opened RDMA device: its ports, its GID table, and the queue pairs made on it. */
public final class RdmaContext implements AutoCloseable {
    private final Verbs verbs;
    private final String name;
    private final Pointer context;
    private boolean closed;

    RdmaContext(Verbs verbs, String name, Pointer context) {
        this.verbs = verbs;
        this.name = name;
        this.context = context;
    }

    public String name() {
        return name;
    }

    Verbs verbs() {
        return verbs;
    }

    Pointer pointer() {
        return context;
    }

    public PortAttributes queryPort(int port) throws VerbsException {
        // Room for the newer, longer ibv_port_attr although the exported symbol fills the compat one.
        Pointer attr = Memory.allocateDirect(verbs.runtime(), VerbsLayout.PORT_ATTR_SIZE + 64, true);
        int rc = verbs.lib().ibv_query_port(context, (byte) port, attr);
        if (rc != 0) {
            throw new VerbsException(VerbsFailure.RESOURCE, name + " port " + port + ": ibv_query_port failed (" + rc + ")");
        }
        return PortAttributes.of(attr.getInt(VerbsLayout.PORT_STATE), attr.getByte(VerbsLayout.PORT_PHYS_STATE) & 0xff,
                attr.getInt(VerbsLayout.PORT_MAX_MTU), attr.getInt(VerbsLayout.PORT_ACTIVE_MTU), attr.getInt(VerbsLayout.PORT_GID_TBL_LEN),
                attr.getByte(VerbsLayout.PORT_LINK_LAYER) & 0xff);
    }

    public byte[] queryGid(int port, int index) throws VerbsException {
        Pointer gid = Memory.allocateDirect(verbs.runtime(), 16, true);
        int rc = verbs.lib().ibv_query_gid(context, (byte) port, index, gid);
        if (rc != 0) {
            throw new VerbsException(VerbsFailure.RESOURCE, name + " port " + port + ": ibv_query_gid " + index + " failed (" + rc + ")");
        }
        byte[] b = new byte[16];
        gid.get(0, b, 0, 16);
        return b;
    }

    /**
     * The port's non-empty GIDs from {@code ibv_query_gid}, each with the type and netdev sysfs
     * gives it ({@code gid_attrs/types}, {@code gid_attrs/ndevs}) under {@code sysRoot}.
     */
    public List<Gid> gids(int port, Path sysRoot) throws VerbsException {
        PortAttributes attrs = queryPort(port);
        Path attrDir = sysRoot.resolve("sys/class/infiniband").resolve(name).resolve("ports").resolve(String.valueOf(port)).resolve("gid_attrs");
        List<Gid> gids = new ArrayList<>();
        for (int i = 0; i < attrs.gidTableLength(); i++) {
            byte[] raw;
            try {
                raw = queryGid(port, i);
            } catch (VerbsException e) {
                continue; // an entry being rewritten as addresses change: the rest of the table still counts
            }
            if (GidBytes.isEmpty(raw)) {
                continue;
            }
            gids.add(new Gid(i, GidBytes.format(raw), read(attrDir.resolve("types").resolve(String.valueOf(i))),
                    read(attrDir.resolve("ndevs").resolve(String.valueOf(i))), GidBytes.ip(raw)));
        }
        return gids;
    }

    /** The port numbers sysfs lists for this device; port 1 where sysfs cannot say. */
    public List<Integer> ports(Path sysRoot) {
        Path dir = sysRoot.resolve("sys/class/infiniband").resolve(name).resolve("ports");
        try (Stream<Path> s = Files.list(dir)) {
            List<Integer> ports = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+")).map(Integer::valueOf).sorted().toList();
            return ports.isEmpty() ? List.of(1) : ports;
        } catch (IOException e) {
            return List.of(1);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            return null; // sysfs gives no type/netdev for an unused index: "Invalid argument"
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            verbs.lib().ibv_close_device(context);
        }
    }
}
