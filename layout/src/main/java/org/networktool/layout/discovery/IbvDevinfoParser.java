package org.networktool.layout.discovery;

import java.util.HashMap;
import java.util.Map;

/**
 * The one thing sysfs does not give about an RDMA port, its active MTU, read from
 * {@code ibv_devinfo -v}: "hca_id: DEV" blocks with "port: N" sections and "active_mtu: 4096 (5)".
 */
final class IbvDevinfoParser {
    private IbvDevinfoParser() {
    }

    /** Keys are "device/port". */
    static Map<String, Integer> activeMtus(String text) {
        Map<String, Integer> mtus = new HashMap<>();
        if (text == null) {
            return mtus;
        }
        String device = null;
        String port = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("hca_id:")) {
                device = line.substring("hca_id:".length()).strip();
                port = null;
            } else if (line.startsWith("port:")) {
                port = line.substring("port:".length()).strip();
            } else if (line.startsWith("active_mtu:") && device != null && port != null) {
                String v = line.substring("active_mtu:".length()).strip();
                int space = v.indexOf(' ');
                try {
                    mtus.put(device + "/" + port, Integer.parseInt(space < 0 ? v : v.substring(0, space)));
                } catch (NumberFormatException e) {
                    // "active_mtu: unknown" on a port that never came up: leave it out.
                }
            }
        }
        return mtus;
    }
}
