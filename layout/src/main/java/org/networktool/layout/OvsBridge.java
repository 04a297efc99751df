package org.networktool.layout;

import java.util.List;
import java.util.Optional;

/** A bridge; {@code hwaddr} is its {@code other_config:hwaddr}, the MAC its local port keeps (null: the lowest member MAC). */
public record OvsBridge(String name, String datapathType, List<OvsPort> ports, String hwaddr) {

    public OvsBridge {
        Lists.required(name, "name");
        ports = Lists.copy(ports);
    }

    public OvsBridge(String name, String datapathType, List<OvsPort> ports) {
        this(name, datapathType, ports, null);
    }

    public Optional<OvsPort> port(String portName) {
        return ports.stream().filter(p -> p.name().equals(portName)).findFirst();
    }

    public List<OvsPort> bonds() {
        return ports.stream().filter(OvsPort::isBond).toList();
    }
}
