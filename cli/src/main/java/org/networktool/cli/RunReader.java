package org.networktool.cli;

import org.networktool.executors.HostReader;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.HostLayout;
import org.networktool.layout.NetworkToolException;
import org.networktool.layout.StorageSelector;

/**
 * The live host as a run reads it: the first read finds the storage network as the user chose it; every later read
 * finds it by the storage IP that read found. After the cutover the user's `--storage-if bond0` names an interface that
 * no longer carries the address (or no longer exists); reading by it again stopped a run half-way (issue 16).
 */
final class RunReader implements HostReader {
    private final HostOptions host;
    private StorageSelector pinned;

    RunReader(HostOptions host) {
        this.host = host;
    }

    @Override
    public synchronized HostLayout read() {
        HostLayout l;
        try {
            l = host.inspect(pinned);
        } catch (NetworkToolException e) {
            if (pinned == null || e.kind() != ErrorKind.INVALID_INPUT) {
                throw e;
            }
            // Not the user's input any more: the host changed under the run (the address left, or sits twice).
            throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "reading the host during the run: the storage IP "
                    + pinned.cidr().substring(0, pinned.cidr().indexOf('/')) + " is on no interface, or on more than one", e);
        }
        if (pinned == null && l.storage() != null && !l.storage().addresses().isEmpty()) {
            pinned = new StorageSelector(null, hostCidr(l.storage().addresses().get(0)));
        }
        return l;
    }

    /** "192.0.2.1/24" → "192.0.2.1/32": the address alone, wherever it sits. */
    static String hostCidr(String cidr) {
        String address = cidr.contains("/") ? cidr.substring(0, cidr.indexOf('/')) : cidr;
        return address + (address.contains(":") ? "/128" : "/32");
    }
}
