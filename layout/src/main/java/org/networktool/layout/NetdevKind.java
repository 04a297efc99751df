package org.networktool.layout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The kind of a network device, as a field engineer names it. */
public enum NetdevKind {
    PHYSICAL("physical"),
    BOND("bond"),
    OVS_INTERNAL("ovs-internal"),
    OVS_SYSTEM("ovs-system"),
    BRIDGE("bridge"),
    VLAN("vlan"),
    VETH("veth"),
    TAP("tap"),
    MACVLAN("macvlan"),
    LOOPBACK("loopback"),
    OTHER("other");

    private final String label;

    NetdevKind(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static NetdevKind fromLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown netdev kind '" + label + "'"));
    }
}
