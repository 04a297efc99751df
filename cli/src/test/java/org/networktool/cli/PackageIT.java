package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The .deb as a field engineer installs it: `dpkg -i`, then the launcher on PATH, the man pages,
 * the completion script and the systemd units from the installed files; `dpkg --purge` takes it
 * all away again. Needs root and dpkg (CI runs as root on Debian); fails loudly otherwise.
 */
class PackageIT {
    private static final Path DEB = Path.of("target", "network-tool.deb").toAbsolutePath();

    private static final Path ARCHIVE = Path.of("/var/cache/network-tool/network-tool.jsa");

    /**
     * postinst made the class-data archive and the packaged launcher starts with it: -Xshare:on makes a JVM refuse to
     * start when its archive does not fit, which the same archive with a copy of the jar elsewhere shows. The dpkg
     * trigger on /usr/lib/jvm (a JVM package changed) makes it again.
     */
    private static void assertClassDataArchiveMadeUsedAndRemadeByTheTrigger() throws Exception {
        assertTrue(Files.isRegularFile(ARCHIVE) && Files.size(ARCHIVE) > 1_000_000, "postinst made " + ARCHIVE);
        Lab.Result used = Lab.exec(List.of("/usr/bin/network-tool", "--version"), Map.of("NETWORK_TOOL_JAVA_OPTS", "-Xshare:on"), 120);
        assertEquals(0, used.code(), "the packaged launcher starts with the archive:\n" + used.out() + used.err());
        Path copy = Files.createTempDirectory("nt-jar").resolve("network-tool.jar");
        Files.copy(Path.of("/usr/share/network-tool/network-tool.jar"), copy);
        Lab.Result misfit = sh("java", "-Xshare:on", "-XX:SharedArchiveFile=" + ARCHIVE, "-jar", copy.toString(), "--version");
        assertEquals(1, misfit.code(), "-Xshare:on refuses an archive that does not fit:\n" + misfit.out() + misfit.err());
        Files.delete(ARCHIVE);
        Lab.Result trigger = sh("dpkg-trigger", "--no-await", "/usr/lib/jvm");
        assertEquals(0, trigger.code(), trigger.err());
        Lab.Result pending = sh("dpkg", "--triggers-only", "--pending");
        assertEquals(0, pending.code(), pending.out() + pending.err());
        assertTrue(Files.isRegularFile(ARCHIVE), "a JVM package's change remakes the archive:\n" + pending.out() + pending.err());
    }

    private static Lab.Result sh(String... argv) throws Exception {
        return Lab.exec(List.of(argv), Map.of(), 120);
    }

    @Test
    void installsRunsFromTheInstalledFilesAndPurgesClean() throws Exception {
        assertTrue(Files.isRegularFile(DEB), "mvn package builds " + DEB);
        Lab.Result info = sh("dpkg-deb", "--info", DEB.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("Package: network-tool") && info.out().contains("Architecture: all")
                && info.out().contains("Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless, iproute2"), info.out());
        Lab.Result install = sh("dpkg", "-i", DEB.toString());
        try {
            assertEquals(0, install.code(), install.out() + install.err());
            Lab.Result version = sh("/usr/bin/network-tool", "--version");
            assertEquals(0, version.code(), version.err());
            assertTrue(version.out().startsWith("network-tool 0.1.0"), version.out());
            Lab.Result man = sh("man", "-w", "network-tool");
            assertEquals(0, man.code(), man.err());
            assertEquals("/usr/share/man/man1/network-tool.1", man.out().strip());
            assertEquals("/usr/share/man/man1/network-tool-upgrade.1", sh("man", "-w", "network-tool-upgrade").out().strip());
            List<String> files = sh("dpkg", "-L", "network-tool").out().lines().toList();
            assertTrue(files.containsAll(List.of("/usr/share/network-tool/network-tool.jar", "/usr/share/bash-completion/completions/network-tool",
                    "/lib/systemd/system/network-tool-probe.service", "/lib/systemd/system/network-tool-revert@.service",
                    "/etc/network-tool/probe.env", "/var/lib/network-tool")), String.join("\n", files));
            assertEquals("/etc/network-tool/probe.env", sh("dpkg-query", "--showformat=${Conffiles}", "--show", "network-tool").out().strip()
                    .split(" ")[0], "probe.env is a conffile: an upgrade of the package keeps the engineer's address");
            assertClassDataArchiveMadeUsedAndRemadeByTheTrigger();
            // The installed program does real work: the plan of a shipped sample, from the installed jar.
            Lab.Result plan = sh("/usr/bin/network-tool", "plan", "--sample", "ab-hwroce");
            assertEquals(0, plan.code(), plan.err());
            assertTrue(plan.out().contains("+ /etc/network/interfaces.d/network-tool-storage (create)"), plan.out());
            Lab.Result complete = sh("bash", "-c", "source /usr/share/bash-completion/completions/network-tool && complete -p network-tool");
            assertTrue(complete.out().contains("-F _complete_network-tool network-tool"), complete.out() + complete.err());
            Lab.Result verify = sh("systemd-analyze", "verify", "/lib/systemd/system/network-tool-probe.service",
                    "/lib/systemd/system/network-tool-revert@.service");
            assertFalse((verify.out() + verify.err()).contains("network-tool-"), "systemd accepts the units:\n" + verify.out() + verify.err());
        } finally {
            Lab.Result purge = sh("dpkg", "--purge", "network-tool");
            assertEquals(0, purge.code(), purge.out() + purge.err());
        }
        assertFalse(Files.exists(Path.of("/usr/bin/network-tool")));
        assertFalse(Files.exists(ARCHIVE), "purge removes the archive postinst made");
        assertFalse(Files.exists(Path.of("/etc/network-tool/probe.env")));
    }
}
