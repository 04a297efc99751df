package org.networktool.layout;

import java.util.List;

/**
 * An RDMA device: a hardware function ({@code mlx5_0}), a RoCE LAG device ({@code mlx5_bond_0}) or
 * a Soft-RoCE link ({@code rxe0}, provider "rxe", which follows the netdev it is linked to).
 * {@code lag} names the RoCE LAG device this NIC forms when both its ports sit in one Linux bond
 * (the LAG device's own name, or, on a per-port device, the LAG it was dissolved from); null where
 * the host was never seen with one.
 */
public record RdmaDevice(String name, String provider, String pciAddress, String nic, List<RdmaPort> ports, String lag) {

    public RdmaDevice {
        Lists.required(name, "name");
        ports = Lists.copy(ports);
    }

    public RdmaDevice(String name, String provider, String pciAddress, String nic, List<RdmaPort> ports) {
        this(name, provider, pciAddress, nic, ports, null);
    }

    public boolean isSoftRoce() {
        return "rxe".equals(provider);
    }

    /** A RoCE LAG device: one RDMA function over a Linux bond of one NIC's ports. */
    public boolean isLag() {
        return name.equals(lag);
    }
}
