#!/usr/bin/env python3
"""The emulated RDMA engines of guest A's NIC ports (lab/README.md, "Emulated hardware RoCE").

Each member port ens1f0..ens2f1 shares its wire (a qemu hub) with a function NIC rf1f0..rf2f1 that
carries a Soft-RoCE device, emlx0..emlx3. What a ConnectX port's RDMA function takes from its netdev,
this loop copies from the member to the function, every 0.2 s:
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
import os
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


def lines(*args):
    return subprocess.run(["ip", *args], capture_output=True, text=True, check=False).stdout.splitlines()


def bond_ips(member):
    master = os.path.realpath(f"/sys/class/net/{member}/master") if os.path.exists(f"/sys/class/net/{member}/master") else None
    if not master:
        return set()
    bond = os.path.basename(master)
    if read(f"/sys/class/net/{bond}/bonding/active_slave") != member:
        return set()
    return {l.split()[3].split("/")[0] for l in lines("-4", "-o", "addr", "show", "dev", bond)}


def sync(member, function):
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
    want, have = bond_ips(member), {l.split()[3].split("/")[0] for l in lines("-4", "-o", "addr", "show", "dev", function)}
    for a in want - have:
        ip("addr", "add", a + "/32", "dev", function, "noprefixroute")
    for a in have - want:
        ip("addr", "del", a + "/32", "dev", function)
    mine = {tuple(l.split()[0:3:2]) for l in lines("-6", "neigh", "show", "dev", member, "nud", "permanent") if "lladdr" in l}
    theirs = {tuple(l.split()[0:3:2]) for l in lines("-6", "neigh", "show", "dev", function, "nud", "permanent") if "lladdr" in l}
    for addr, lladdr in mine - theirs:
        ip("-6", "neigh", "replace", addr, "lladdr", lladdr, "dev", function, "nud", "permanent")
    for addr, lladdr in theirs - mine:
        ip("-6", "neigh", "del", addr, "dev", function)


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
    for member, function in PAIRS:
        sync(member, function)
    ready = sys.argv[1] if len(sys.argv) > 1 else None
    if ready:
        open(ready, "w").close()
    while True:
        for member, function in PAIRS:
            sync(member, function)
        time.sleep(0.2)
