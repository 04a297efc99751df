package org.networktool.layout;

/** An address on an interface, as {@code ip -j addr} reports it. */
public record IpAddress(String family, String address, int prefixLength, String scope) {
    public IpAddress {
        Lists.required(family, "family");
        Lists.required(address, "address");
    }

    public String cidr() {
        return address + "/" + prefixLength;
    }

    public boolean isGlobal() {
        return "global".equals(scope);
    }
}
