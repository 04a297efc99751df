package org.networktool.layout.discovery;

import java.nio.file.Path;
import java.util.List;
import org.networktool.layout.HostLayout;
import org.networktool.layout.StorageSelector;

/** Inspects a shipped sample the way {@code --sample} does. */
public final class SampleHosts {
    public static final List<String> ALL = List.of("ab-hwroce", "lacp-roce-lag", "migrated-ovs", "degraded", "softroce");

    private SampleHosts() {
    }

    static java.util.stream.Stream<String> allNames() {
        return ALL.stream();
    }

    public static HostLayout inspect(String sample) {
        return inspect(TestFiles.SAMPLES.resolve(sample), StorageSelector.AUTO);
    }

    public static HostLayout inspect(Path root, StorageSelector selector) {
        return new HostInspector(new HostRoot(root), new CapturedCommands(root), "test").inspect(selector);
    }
}
