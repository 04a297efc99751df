package org.networktool.layout.discovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The PCI address and driver behind a sysfs {@code device} link, shared by netdevs and RDMA
 * devices. Captured hosts carry {@code device/uevent}; live virtio NICs only reveal the PCI
 * function as an ancestor of the link's real path.
 */
final class SysfsDevice {
    private SysfsDevice() {
    }

    record Info(String pciAddress, String driver) {
    }

    static Info read(HostRoot root, String dir) {
        String uevent = root.readQuietly(dir + "/device/uevent").orElse("");
        String pci = field(uevent, "PCI_SLOT_NAME");
        String driver = field(uevent, "DRIVER");
        if (pci == null) {
            pci = pciAncestor(root.resolve(dir + "/device")).orElse(null);
        }
        if (driver == null) {
            driver = root.linkName(dir + "/device/driver").orElse(null);
        }
        return new Info(pci, driver);
    }

    private static Optional<String> pciAncestor(Path device) {
        try {
            if (!Files.exists(device)) {
                return Optional.empty();
            }
            for (Path p = device.toRealPath(); p != null && p.getFileName() != null; p = p.getParent()) {
                if (Pci.isAddress(p.getFileName().toString())) {
                    return Optional.of(p.getFileName().toString());
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String field(String uevent, String key) {
        for (String line : uevent.split("\n")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        return null;
    }
}
