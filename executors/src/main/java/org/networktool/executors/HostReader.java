package org.networktool.executors;

import org.networktool.layout.HostLayout;

/** Reads the host's current layout: for gates, for drift and for rollback verification. */
public interface HostReader {
    HostLayout read();
}
