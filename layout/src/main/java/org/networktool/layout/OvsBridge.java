package org.networktool.layout;

import java.util.List;
import java.util.Optional;

public record OvsBridge(String name, String datapathType, List<OvsPort> ports) {

    public OvsBridge {
        ports = Lists.copy(ports);
    }

    public Optional<OvsPort> port(String portName) {
        return ports.stream().filter(p -> p.name().equals(portName)).findFirst();
    }

    public List<OvsPort> bonds() {
        return ports.stream().filter(OvsPort::isBond).toList();
    }
}
