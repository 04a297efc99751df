package org.networktool.layout.config;

/** Which of the distribution's network configurations brings the storage interface up at boot. */
public enum ConfigBackend {
    /** Debian/Ubuntu {@code /etc/network/interfaces} and {@code interfaces.d}. */
    IFUPDOWN("ifupdown", "/etc/network/interfaces, /etc/network/interfaces.d"),
    /** RHEL/CentOS/openEuler {@code /etc/sysconfig/network-scripts/ifcfg-*}. */
    IFCFG("ifcfg", "/etc/sysconfig/network-scripts"),
    /** NetworkManager keyfiles in {@code /etc/NetworkManager/system-connections}. */
    NETWORKMANAGER("networkmanager", "/etc/NetworkManager/system-connections"),
    /** netplan YAML in {@code /etc/netplan}. */
    NETPLAN("netplan", "/etc/netplan");

    private final String label;
    private final String where;

    ConfigBackend(String label, String where) {
        this.label = label;
        this.where = where;
    }

    public String label() {
        return label;
    }

    /** Where it keeps its files, relative to the root, for messages. */
    public String where() {
        return where;
    }
}
