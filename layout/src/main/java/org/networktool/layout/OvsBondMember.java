package org.networktool.layout;

public record OvsBondMember(String name, boolean enabled, boolean mayEnable, boolean active) {
}
