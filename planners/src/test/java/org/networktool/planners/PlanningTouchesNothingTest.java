package org.networktool.planners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileDescriptor;
import java.security.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutCodec;

/**
 * Planning is pure: deriving, validating, planning (including the model-host proof) and rendering
 * run under a security manager that refuses and records any process, socket or file access other
 * than loading classes. Java 17 still honours System.setSecurityManager.
 */
@SuppressWarnings("removal")
class PlanningTouchesNothingTest {

    static final class Recorder extends SecurityManager {
        final List<String> attempts = new ArrayList<>();

        private void refuse(String what) {
            attempts.add(what);
            throw new SecurityException("planning must not " + what);
        }

        @Override
        public void checkExec(String cmd) {
            refuse("run " + cmd);
        }

        @Override
        public void checkConnect(String host, int port) {
            refuse("connect to " + host + ":" + port);
        }

        @Override
        public void checkListen(int port) {
            refuse("listen on " + port);
        }

        @Override
        public void checkWrite(String file) {
            refuse("write " + file);
        }

        @Override
        public void checkWrite(FileDescriptor fd) {
        }

        @Override
        public void checkDelete(String file) {
            refuse("delete " + file);
        }

        @Override
        public void checkRead(String file) {
            if (!file.endsWith(".class") && !file.endsWith(".jar") && !file.startsWith(System.getProperty("java.home"))
                    && !file.contains("/target/classes") && !file.contains("/target/test-classes")) {
                refuse("read " + file);
            }
        }

        @Override
        public void checkPermission(Permission perm) {
            if (perm instanceof RuntimePermission && perm.getName().equals("setSecurityManager")) {
                return;
            }
        }
    }

    private static <T> T underRecorder(Recorder r, Supplier<T> work) {
        SecurityManager before = System.getSecurityManager();
        System.setSecurityManager(r);
        try {
            return work.get();
        } finally {
            System.setSecurityManager(before);
        }
    }

    @Test
    void planningRunsNothingReadsNothingWritesNothing() {
        List<HostLayout> hosts = new ArrayList<>();
        Hosts.SAMPLES.forEach(s -> hosts.add(Hosts.sample(s)));
        for (long seed = 1; seed <= 50; seed++) {
            hosts.add(Hosts.generated(seed));
        }
        Recorder r = new Recorder();
        int plans = underRecorder(r, () -> {
            int n = 0;
            for (HostLayout l : hosts) {
                TargetDeriver.Derivation d = TargetDeriver.derive(l, "system");
                if (d.target() != null) {
                    Plan p = Planner.plan(PlanRequest.of(l).target(d.target()));
                    LayoutCodec.toYaml(p);
                    LayoutCodec.toJson(p);
                    n++;
                }
            }
            return n;
        });
        assertEquals(List.of(), r.attempts);
        assertTrue(plans >= 30, "planned " + plans);
    }

    @Test
    void theRecorderReallyRefuses() {
        Recorder r = new Recorder();
        assertThrows(SecurityException.class, () -> underRecorder(r, () -> {
            try {
                return new ProcessBuilder("true").start();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertEquals(1, r.attempts.size());
    }
}
