package org.networktool.layout;

/** A route from {@code ip -j route show table all}; kernel-generated local/broadcast entries are left out. */
public record Route(
        String family,
        String destination,
        String gateway,
        String device,
        String table,
        String protocol,
        String scope,
        String preferredSource,
        Integer metric) {
}
