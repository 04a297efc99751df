package org.networktool.layout.discovery;

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

    static Info read(HostRoot root, String dir, Warnings warnings) {
        String uevent = root.readQuietly(dir + "/device/uevent").orElse("");
        String pci = field(uevent, "PCI_SLOT_NAME");
        if (pci != null && !Pci.isAddress(pci)) {
            warnings.add("/" + dir + "/device/uevent", "PCI_SLOT_NAME is not a PCI address, ignored");
            pci = null;
        }
        String driver = field(uevent, "DRIVER");
        if (pci == null) {
            pci = root.realPath(dir + "/device").flatMap(SysfsDevice::pciAncestor).orElse(null);
        }
        if (driver == null) {
            driver = root.linkName(dir + "/device/driver").orElse(null);
        }
        return new Info(pci, driver);
    }

    private static Optional<String> pciAncestor(Path realDevice) {
        for (Path p = realDevice; p != null && p.getFileName() != null; p = p.getParent()) {
            if (Pci.isAddress(p.getFileName().toString())) {
                return Optional.of(p.getFileName().toString());
            }
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
