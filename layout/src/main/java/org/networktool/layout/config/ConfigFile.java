package org.networktool.layout.config;

/**
 * One network configuration file as read: its absolute path on the host ({@code /etc/...}), its
 * text (UTF-8, byte for byte) and its permission bits ({@code 0644}), so a rollback can put it back
 * exactly.
 */
public record ConfigFile(String path, String text, String mode) {

    /** The file name, without its folder. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
