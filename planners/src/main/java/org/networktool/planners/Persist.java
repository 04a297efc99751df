package org.networktool.planners;

import org.networktool.layout.config.NetworkConfig;

/**
 * Whether and how the plan makes the migration survive a reboot: the host's network configuration
 * as read ({@code config}), or a reason it is not written ({@code skipped}: --no-persist, a practice
 * host). {@link #NOT_ASKED} plans for the running host only and says nothing about it (library use).
 */
public record Persist(NetworkConfig config, String skipped) {
    public static final Persist NOT_ASKED = new Persist(null, null);

    public static Persist of(NetworkConfig config) {
        return new Persist(config, null);
    }

    public static Persist skipped(String why) {
        return new Persist(null, why);
    }

    boolean writes() {
        return config != null && config.backend().isPresent();
    }
}
