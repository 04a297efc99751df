package org.networktool.layout.discovery;

/**
 * Where discovery gets command output: the live host, or a captured host's {@code commands/}
 * folder. Only read-only queries pass through here; changes to a host go through the executors.
 */
public interface CommandSource {
    CommandResult run(HostQuery query);

    /** True when queries may run side by side, each a process of its own (the live host); a capture reads files. */
    default boolean concurrent() {
        return false;
    }
}
