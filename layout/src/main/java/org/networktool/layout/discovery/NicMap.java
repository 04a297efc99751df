package org.networktool.layout.discovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.networktool.layout.Netdev;
import org.networktool.layout.NetdevKind;
import org.networktool.layout.NetworkToolException;

/**
 * Which NIC a port belongs to when it has no PCI device to tell (the lab's veths): a file of
 * "PORT NIC" lines, '#' for comments. A mapped port is treated as that NIC's port.
 */
public final class NicMap {
    private NicMap() {
    }

    public static Map<String, String> read(Path file) {
        Map<String, String> map = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw NetworkToolException.invalidInput("--nic-map " + file + ": no such file");
        } catch (IOException e) {
            throw NetworkToolException.invalidInput("--nic-map " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.replaceAll("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 2) {
                throw NetworkToolException.invalidInput("--nic-map " + file + " line " + n + ": write 'PORT NIC', e.g. 'ens1f0 lab:nic1'");
            }
            map.put(f[0], f[1]);
        }
        return map;
    }

    static List<Netdev> apply(List<Netdev> netdevs, Map<String, String> map) {
        if (map.isEmpty()) {
            return netdevs;
        }
        return netdevs.stream().map(n -> !map.containsKey(n.name()) ? n
                : new Netdev(n.name(), n.ifindex(), NetdevKind.PHYSICAL, n.mac(), n.mtu(), n.operstate(), n.carrier(), n.speedMbps(),
                        n.driver(), n.pciAddress(), map.get(n.name()), n.master(), n.addresses())).toList();
    }
}
