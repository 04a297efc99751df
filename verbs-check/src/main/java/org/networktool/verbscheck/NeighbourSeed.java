package org.networktool.verbscheck;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.networktool.layout.RoceGids;

/**
 * The responder's side of a link-local RoCE v2 path: before its queue pair goes to RTR, the kernel
 * must resolve the checker's GID through the neighbour table of the responder's GID netdev. A
 * checker on an Open vSwitch member never answers neighbour solicitations (OVS takes every frame
 * arriving on a member), so the responder records the checker's GID with the MAC it was made from,
 * and keeps it: this host's own queue pairs to that member (the storage layer's, not only this
 * responder's) resolve through the same entry. PERMANENT, because a learned entry does not last: the
 * kernel re-verifies a STALE entry by unicast solicitation once it is used, no member answers, and it
 * turns FAILED within seconds (seen in tier 2). A default GID is the EUI-64 of its MAC, so the entry
 * cannot point anywhere else; a reboot or a neighbour flush forgets it until the member is checked again.
 */
final class NeighbourSeed {
    private NeighbourSeed() {
    }

    /** Returns what was done, for the log; never throws. */
    static String seed(String remoteGid, String netdev) {
        String mac = RoceGids.macOf(remoteGid);
        String address = RoceGids.ipOf(remoteGid);
        if (mac == null || address == null || netdev == null || !netdev.matches("[A-Za-z0-9_.@:-]{1,15}")) {
            return "not a default link-local GID: left to neighbour discovery";
        }
        String shown = run(List.of("ip", "-6", "neigh", "show", address, "dev", netdev));
        if (shown != null && shown.contains("PERMANENT")) {
            return "permanent neighbour entry kept";
        }
        String r = run(List.of("ip", "-6", "neigh", "replace", address, "lladdr", mac, "dev", netdev, "nud", "permanent"));
        return r == null ? "could not record " + address + " → " + mac + " on " + netdev : address + " → " + mac + " on " + netdev;
    }

    /** stdout, or null when the command failed or hung. */
    private static String run(List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, java.nio.charset.StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
