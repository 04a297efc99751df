package org.networktool.planners.persist;

import java.util.List;
import org.networktool.layout.config.NetworkConfig;

/** One backend's rewrite: the host's files in, the changed and new files out. Pure. */
interface ConfigWriter {
    List<FileChange> changes(NetworkConfig config, PersistSpec spec);
}
