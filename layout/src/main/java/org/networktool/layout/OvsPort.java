package org.networktool.layout;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * An OVS port. A port with two or more interfaces is a bond; {@code bondStatus} then carries what
 * {@code ovs-appctl bond/show} reported (null when it could not be read).
 */
public record OvsPort(
        String name,
        List<OvsInterface> interfaces,
        String bondMode,
        String lacp,
        Integer bondUpdelay,
        Integer bondDowndelay,
        Integer tag,
        Map<String, String> otherConfig,
        OvsBondStatus bondStatus) {

    public OvsPort {
        Lists.required(name, "name");
        interfaces = Lists.copy(interfaces);
        otherConfig = Lists.copy(otherConfig);
    }

    @JsonIgnore
    public boolean isBond() {
        return interfaces.size() > 1;
    }

    /** The switch sees this bond's members as one port-channel (LACP, or balance-tcp's static one) and picks the port by the 5-tuple. */
    @JsonIgnore
    public boolean behindPortChannel() {
        return portChannel(bondMode, lacp);
    }

    /** The rule above for a bond mode and an LACP setting as OVS names them ({@code active}, {@code passive}, {@code off}). */
    public static boolean portChannel(String bondMode, String lacp) {
        return "balance-tcp".equals(bondMode) || (lacp != null && !lacp.equals("off"));
    }

    @JsonIgnore
    public List<String> interfaceNames() {
        return interfaces.stream().map(OvsInterface::name).toList();
    }
}
