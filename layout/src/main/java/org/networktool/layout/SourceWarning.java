package org.networktool.layout;

/** Something a source could not give (no OVS, permission denied, a malformed file): reported, not fatal. */
public record SourceWarning(String source, String message) {
}
