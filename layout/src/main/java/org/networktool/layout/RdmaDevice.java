package org.networktool.layout;

import java.util.List;

/**
 * An RDMA device: a hardware function ({@code mlx5_0}), a RoCE LAG device ({@code mlx5_bond_0}) or
 * a Soft-RoCE link ({@code rxe0}, provider "rxe", which follows the netdev it is linked to).
 */
public record RdmaDevice(String name, String provider, String pciAddress, String nic, List<RdmaPort> ports) {

    public RdmaDevice {
        ports = Lists.copy(ports);
    }

    public boolean isSoftRoce() {
        return "rxe".equals(provider);
    }
}
