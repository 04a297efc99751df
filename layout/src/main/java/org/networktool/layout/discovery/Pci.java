package org.networktool.layout.discovery;

import java.util.regex.Pattern;

/** PCI addresses: {@code 0000:3b:00.1} is function 1 of device {@code 0000:3b:00}. */
final class Pci {
    static final Pattern ADDRESS = Pattern.compile("[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]");

    private Pci() {
    }

    static boolean isAddress(String s) {
        return s != null && ADDRESS.matcher(s).matches();
    }

    /** The NIC a PCI function belongs to: the address without its function number. */
    static String device(String address) {
        return address.substring(0, address.lastIndexOf('.'));
    }

    static int function(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf('.') + 1));
    }
}
