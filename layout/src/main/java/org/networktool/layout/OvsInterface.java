package org.networktool.layout;

/** An OVS interface row. {@code type} is empty for a system (physical) port, "internal" for an internal port. */
public record OvsInterface(
        String name,
        String type,
        Integer mtu,
        Integer mtuRequest,
        Integer ofport,
        String linkState,
        String adminState,
        String mac) {
    public OvsInterface {
        Lists.required(name, "name");
    }

}
