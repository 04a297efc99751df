package org.networktool.layout;

/** How the user chose the storage network: by interface, by CIDR, or automatically (both null). */
public record StorageSelector(String interfaceName, String cidr) {
    public static final StorageSelector AUTO = new StorageSelector(null, null);
}
