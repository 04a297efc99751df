#!/usr/bin/env python3
"""The emulated RDMA engines of guest A's NIC ports (lab/README.md, "Emulated hardware RoCE").

Each member port ens1f0..ens2f1 shares its wire (a qemu hub) with a function NIC rf1f0..rf2f1 that
carries a Soft-RoCE device, emlx0..emlx3. What a ConnectX port's RDMA function takes from its netdev,
this loop copies from the member to the function whenever the kernel announces a change (`ip monitor`), and every 5 s:
  - the MAC (a bond slave sends with the bond's MAC, a released port with its own): hence the default GID;
  - admin state and MTU;
  - the IPv4 addresses of the port's Linux bond while the port is the bond's active slave, as /32 on the
    function (the kernel gives the active slave's RDMA function the bond's IP GIDs);
  - the member's PERMANENT IPv6 neighbour entries (the kernel resolves a RoCE v2 destination through the
    neighbour table of the GID's netdev; on a ConnectX host that is the member itself).
Link state is not copied: lab/tier2 pulls both NICs' cables at once. nftables lets only RoCE (UDP 4791)
in and out of the function NICs, so the member's IPv6 stack is the only way a neighbour can be known, as
behind Open vSwitch on the real host (ARP stays open: the pre-migration IPv4 path resolves through it).
"""
import json
import os
import select
import subprocess
import sys
import time

PAIRS = [("ens1f0", "rf1f0"), ("ens1f1", "rf1f1"), ("ens2f0", "rf2f0"), ("ens2f1", "rf2f1")]


def read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None


def ip(*args):
    subprocess.run(["ip", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def dump(*args):
    out = subprocess.run(["ip", "-j", *args], capture_output=True, text=True, check=False).stdout
    try:
        return json.loads(out or "[]")
    except ValueError:
        return []


class Host:
    """One read of the addresses and permanent IPv6 neighbours of every interface: two `ip` runs for all four ports (an
    exec costs ~150 ms of the guest's only CPU under TCG, and a read per port and kind starved everything else)."""

    def __init__(self):
        self.ipv4 = {}
        for link in dump("-4", "addr", "show"):
            self.ipv4[link.get("ifname")] = {a["local"] for a in link.get("addr_info", []) if "local" in a}
        self.neigh = {}
        for n in dump("-6", "neigh", "show", "nud", "permanent"):
            if "lladdr" in n:
                self.neigh.setdefault(n.get("dev"), set()).add((n["dst"], n["lladdr"]))


def bond_ips(member, host):
    master = os.path.realpath(f"/sys/class/net/{member}/master") if os.path.exists(f"/sys/class/net/{member}/master") else None
    if not master:
        return set()
    bond = os.path.basename(master)
    if read(f"/sys/class/net/{bond}/bonding/active_slave") != member:
        return set()
    return host.ipv4.get(bond, set())


def sync(member, function, host):
    mac, fmac = read(f"/sys/class/net/{member}/address"), read(f"/sys/class/net/{function}/address")
    if mac and fmac and mac != fmac:
        # Down and up again: Linux keeps an interface's link-local address when its MAC changes, and rxe's RoCE v2 packets
        # to the new default GID must be local to the function NIC's IPv6 stack (a ConnectX function matches GIDs itself).
        ip("link", "set", "dev", function, "down")
        ip("link", "set", "dev", function, "address", mac)
    mtu, fmtu = read(f"/sys/class/net/{member}/mtu"), read(f"/sys/class/net/{function}/mtu")
    if mtu and fmtu and mtu != fmtu:
        ip("link", "set", "dev", function, "mtu", mtu)
    up = int(read(f"/sys/class/net/{member}/flags") or "0", 16) & 1
    fup = int(read(f"/sys/class/net/{function}/flags") or "0", 16) & 1
    if up != fup:
        ip("link", "set", "dev", function, "up" if up else "down")
    want, have = bond_ips(member, host), host.ipv4.get(function, set())
    for a in want - have:
        ip("addr", "add", a + "/32", "dev", function, "noprefixroute")
    for a in have - want:
        ip("addr", "del", a + "/32", "dev", function)
    mine, theirs = host.neigh.get(member, set()), host.neigh.get(function, set())
    for addr, lladdr in mine - theirs:
        ip("-6", "neigh", "replace", addr, "lladdr", lladdr, "dev", function, "nud", "permanent")
    for addr, lladdr in theirs - mine:
        ip("-6", "neigh", "del", addr, "dev", function)


def sync_all():
    host = Host()
    for member, function in PAIRS:
        sync(member, function, host)


def setup():
    for _, f in PAIRS:
        for k, v in (("ipv4/conf/%s/arp_ignore", "1"), ("ipv4/conf/%s/arp_announce", "2"), ("ipv4/conf/%s/rp_filter", "0"),
                     ("ipv6/conf/%s/accept_dad", "0")):
            with open("/proc/sys/net/" + (k % f), "w") as fh:
                fh.write(v)
    subprocess.run(["nft", "-f", "-"], check=True, text=True, input="""
table inet nt_rdma_functions {
  chain in { type filter hook input priority 0; iifname "rf*" udp dport 4791 accept; iifname "rf*" drop; }
  chain out { type filter hook output priority 0; oifname "rf*" udp dport 4791 accept; oifname "rf*" drop; }
}
""")


if __name__ == "__main__":
    setup()
    sync_all()
    ready = sys.argv[1] if len(sys.argv) > 1 else None
    if ready:
        open(ready, "w").close()
    # On every change the kernel announces (links, addresses, neighbours), as a ConnectX function follows its netdev
    # through the kernel's notifiers; and every few seconds regardless, in case the monitor missed one.
    monitor = subprocess.Popen(["ip", "monitor", "link", "address", "neigh"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    fd = monitor.stdout.fileno()
    while True:
        if monitor is None:
            time.sleep(0.2)  # the monitor ended: poll from here on
        elif select.select([fd], [], [], 5.0)[0]:
            time.sleep(0.05)  # a burst of events (one change often makes several) is one sync
            chunk = os.read(fd, 65536)
            while chunk and select.select([fd], [], [], 0)[0]:
                chunk = os.read(fd, 65536)
            if not chunk:
                monitor = None
        sync_all()
