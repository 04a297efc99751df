package org.networktool.layout.discovery;

/**
 * Where discovery gets command output: the live host, or a captured host's {@code commands/}
 * folder. Only read-only queries pass through here; changes to a host go through the executors.
 */
public interface CommandSource {
    CommandResult run(HostQuery query);
}
