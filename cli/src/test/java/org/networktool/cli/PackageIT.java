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
        assertFalse(Files.exists(Path.of("/etc/network-tool/probe.env")));
    }
}
