package org.networktool.layout;

/** One physical port under the storage interface. */
public record StorageMember(String name, String nic, String state, Integer linkFailureCount, boolean active) {
}
