package org.networktool.verbscheck;

import java.util.ArrayList;
import java.util.List;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.byref.IntByReference;

/**
 * libibverbs, loaded once. A host without the library or without devices is an answer
 * ({@link VerbsFailure#NO_LIBRARY}, an empty device list), never a crash.
 */
public final class Verbs {
    private static volatile Verbs instance;
    private final LibIbverbs lib;
    private final Runtime runtime;

    private Verbs(LibIbverbs lib) {
        this.lib = lib;
        this.runtime = Runtime.getRuntime(lib);
    }

    /** The loaded library; {@link VerbsFailure#NO_LIBRARY} when libibverbs.so.1 is not installed. */
    public static Verbs load() throws VerbsException {
        Verbs v = instance;
        if (v == null) {
            synchronized (Verbs.class) {
                if (instance == null) {
                    instance = load("ibverbs");
                }
                v = instance;
            }
        }
        return v;
    }

    /**
     * Starts binding libibverbs in the background (jnr-ffi generates its bindings at load: a quarter of a second cold), so
     * a command that will need it overlaps that with its own start; {@link #load} then waits for it, or reports why it
     * failed.
     */
    public static void preload() {
        // A failure is left in the future unread: load() says why, when the command asks.
        org.networktool.layout.Background.start("bind libibverbs", Verbs::load);
    }

    /** {@code name} as jnr-ffi looks it up (lib NAME .so, versioned ones too). */
    static Verbs load(String name) throws VerbsException {
        try {
            return new Verbs(LibraryLoader.create(LibIbverbs.class).failImmediately().load(name));
        } catch (LinkageError | RuntimeException e) {
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new VerbsException(VerbsFailure.NO_LIBRARY,
                    "no RDMA library: lib" + name + ".so.1 cannot be loaded (install libibverbs1 and ibverbs-providers): " + first);
        }
    }

    LibIbverbs lib() {
        return lib;
    }

    Runtime runtime() {
        return runtime;
    }

    /** The names libibverbs sees ({@code rxe0}, {@code mlx5_0}); empty on a host without RDMA. */
    public List<String> deviceNames() {
        IntByReference n = new IntByReference();
        Pointer list = lib.ibv_get_device_list(n);
        if (list == null) {
            return List.of();
        }
        try {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n.intValue(); i++) {
                names.add(lib.ibv_get_device_name(list.getPointer((long) i * runtime.addressSize())));
            }
            return names;
        } finally {
            lib.ibv_free_device_list(list);
        }
    }

    /** {@link #deviceNames}, or {@link VerbsFailure#NO_DEVICES} when there are none. */
    public List<String> requireDevices() throws VerbsException {
        List<String> names = deviceNames();
        if (names.isEmpty()) {
            throw new VerbsException(VerbsFailure.NO_DEVICES, "no RDMA devices on this host");
        }
        return names;
    }

    /** Opens the named device. */
    public RdmaContext open(String device) throws VerbsException {
        IntByReference n = new IntByReference();
        Pointer list = lib.ibv_get_device_list(n);
        if (list == null || n.intValue() == 0) {
            if (list != null) {
                lib.ibv_free_device_list(list);
            }
            throw new VerbsException(VerbsFailure.NO_DEVICES, "no RDMA devices on this host");
        }
        try {
            for (int i = 0; i < n.intValue(); i++) {
                Pointer dev = list.getPointer((long) i * runtime.addressSize());
                if (device.equals(lib.ibv_get_device_name(dev))) {
                    Pointer ctx = lib.ibv_open_device(dev);
                    if (ctx == null) {
                        throw new VerbsException(VerbsFailure.RESOURCE, device + ": ibv_open_device failed");
                    }
                    return new RdmaContext(this, device, ctx);
                }
            }
            throw new VerbsException(VerbsFailure.NO_DEVICE, "no RDMA device " + device + " (have: " + String.join(", ", deviceNames()) + ")");
        } finally {
            lib.ibv_free_device_list(list);
        }
    }
}
