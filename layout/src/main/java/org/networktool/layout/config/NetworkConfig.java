package org.networktool.layout.config;

import java.util.List;
import java.util.Optional;

/**
 * The host's boot-time network configuration as far as the storage interface is concerned: the
 * backend whose files define it and every file of that backend (the writers may edit any of them).
 * {@code backend} is empty when no backend, or more than one, defines the interface; {@code problem}
 * then says why in a line an engineer can act on.
 */
public record NetworkConfig(Optional<ConfigBackend> backend, List<ConfigFile> files, List<String> defining, String problem) {

    public NetworkConfig {
        files = List.copyOf(files);
        defining = List.copyOf(defining);
    }

    public static NetworkConfig unknown(String problem) {
        return new NetworkConfig(Optional.empty(), List.of(), List.of(), problem);
    }

    public Optional<ConfigFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}
