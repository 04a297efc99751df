package org.networktool.layout;

import java.util.List;

/**
 * The interface that carries the storage IP, its physical members and the risk the migration
 * removes. {@code singleNicRisk} is null when the members already span two or more NICs.
 */
public record StorageNetwork(
        String interfaceName,
        String kind,
        List<String> addresses,
        String bondMode,
        String activeMember,
        List<StorageMember> members,
        List<String> nics,
        List<String> rdmaDevices,
        String singleNicRisk) {

    public StorageNetwork {
        addresses = Lists.copy(addresses);
        members = Lists.copy(members);
        nics = Lists.copy(nics);
        rdmaDevices = Lists.copy(rdmaDevices);
    }
}
