package org.networktool.layout;

import java.util.List;

/**
 * A physical adapter: the ports whose PCI addresses differ only in the function number. The id is
 * the PCI device ({@code 0000:3b:00}); ports are listed in function order.
 */
public record Nic(String id, String driver, List<String> ports) {

    public Nic {
        Lists.required(id, "id");
        ports = Lists.copy(ports);
    }
}
