#!/usr/bin/env python3
"""Writes the captured-host samples in exactly the shapes lab/capture-host records from a live
host: sysfs attribute files, /proc/net/bonding text, `ip -j` JSON, `ovs-vsctl --format=json`
tables, `ovs-appctl bond/show`, `rdma -j link` and `ibv_devinfo -v`. The OVS shapes were copied
from a real ovs-vswitchd 3.1 run. Regenerate with: python3 samples/make-samples.py
Real captures from field hosts go beside these as their own directories."""
import json, os, shutil, sys

HERE = os.path.dirname(os.path.abspath(__file__))
STORAGE_IP = "10.10.1.11"

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text if text.endswith("\n") else text + "\n")

def mac(i, j=0):
    return "b8:59:9f:3b:%02x:%02x" % (i, j)

def v4gid(ip):
    a, b, c, d = (int(x) for x in ip.split("."))
    return "0000:0000:0000:0000:0000:ffff:%02x%02x:%02x%02x" % (a, b, c, d)

def ll_gid(m):
    b = [int(x, 16) for x in m.split(":")]
    b[0] ^= 2
    return "fe80:0000:0000:0000:%02x%02x:%02xff:fe%02x:%02x%02x" % (b[0], b[1], b[2], b[3], b[4], b[5])

class Host:
    def __init__(self, name, hostname, description):
        self.dir = os.path.join(HERE, name)
        self.hostname = hostname
        self.description = description
        self.links, self.addrs, self.routes4, self.routes6 = [], [], [], []
        self.commands, self.errors = {}, {}
        self.rdma_links = []
        self.devinfo = []
        self.ifindex = 0
        self.files = {}

    def f(self, path, text):
        self.files[path] = str(text)

    def netdev(self, name, kind=None, mac_addr="00:00:00:00:00:00", mtu=1500, up=True, carrier=True, speed=None,
               pci=None, driver=None, master=None, slave_kind=None, slave_data=None, info_data=None, addrs=(), link_type="ether"):
        self.ifindex += 1
        d = "sys/class/net/%s/" % name
        state = "up" if up and carrier else ("down" if not up or not carrier else "unknown")
        if kind == "loopback":
            state = "unknown"
        self.f(d + "address", mac_addr); self.f(d + "mtu", mtu); self.f(d + "operstate", state)
        self.f(d + "ifindex", self.ifindex); self.f(d + "type", 772 if kind == "loopback" else 1)
        if up:
            self.f(d + "carrier", 1 if carrier else 0)
        if speed is not None:
            self.f(d + "speed", speed if carrier else -1)
        if pci:
            self.f(d + "device/uevent", "DRIVER=%s\nPCI_CLASS=20000\nPCI_ID=15B3:1017\nPCI_SUBSYS_ID=15B3:0020\nPCI_SLOT_NAME=%s\nMODALIAS=pci:v000015B3d00001017sv000015B3sd00000020bc02sc00i00" % (driver, pci))
        flags = ["BROADCAST", "MULTICAST"] if kind != "loopback" else ["LOOPBACK"]
        if master:
            flags.append("SLAVE" if slave_kind == "bond" else "UP")
        if kind == "bond":
            flags.append("MASTER")
        if up:
            flags.append("UP")
            flags.append("LOWER_UP" if carrier else "NO-CARRIER")
        link = {"ifindex": self.ifindex, "ifname": name, "flags": sorted(set(flags), key=flags.index), "mtu": mtu,
                "qdisc": "mq" if pci else "noqueue", "operstate": state.upper(), "linkmode": "DEFAULT",
                "group": "default", "txqlen": 1000, "link_type": link_type, "address": mac_addr,
                "broadcast": "ff:ff:ff:ff:ff:ff" if kind != "loopback" else "00:00:00:00:00:00",
                "promiscuity": 0, "min_mtu": 68, "max_mtu": 9978 if pci else 65535}
        if master:
            link["master"] = master
        if kind in ("bond", "openvswitch") or slave_kind:
            li = {}
            if kind in ("bond", "openvswitch"):
                li["info_kind"] = kind
            if info_data:
                li["info_data"] = info_data
            if slave_kind:
                li["info_slave_kind"] = slave_kind
                if slave_data:
                    li["info_slave_data"] = slave_data
            link["linkinfo"] = li
        if pci:
            link["parentbus"] = "pci"; link["parentdev"] = pci
        self.links.append(link)
        ai = []
        for a in addrs:
            fam = "inet6" if ":" in a[0] else "inet"
            e = {"family": fam, "local": a[0], "prefixlen": a[1], "scope": a[2] if len(a) > 2 else "global"}
            if fam == "inet" and e["scope"] == "global":
                e["label"] = name
            e.update({"valid_life_time": 4294967295, "preferred_life_time": 4294967295})
            ai.append(e)
        self.addrs.append({"ifindex": self.ifindex, "ifname": name, "flags": link["flags"], "mtu": mtu,
                           "qdisc": link["qdisc"], "operstate": link["operstate"], "group": "default", "txqlen": 1000,
                           "link_type": link_type, "address": mac_addr, "broadcast": link["broadcast"], "addr_info": ai})
        return self.ifindex

    def rdma(self, dev, netdev, pci=None, driver="mlx5_core", gids=(), state=("4: ACTIVE", "5: LinkUp"), parent=None, mtu=1024):
        d = "sys/class/infiniband/%s/" % dev
        if pci:
            self.f(d + "device/uevent", "DRIVER=%s\nPCI_CLASS=20000\nPCI_SLOT_NAME=%s" % (driver, pci))
            self.f(d + "hca_type", "MT4119")
        if parent:
            self.f(d + "parent", parent)
        self.f(d + "node_type", "1: CA")
        p = d + "ports/1/"
        self.f(p + "state", state[0]); self.f(p + "phys_state", state[1]); self.f(p + "link_layer", "Ethernet")
        for idx, (gid, gtype, ndev) in enumerate(gids):
            self.f(p + "gids/%d" % idx, gid); self.f(p + "gid_attrs/types/%d" % idx, gtype); self.f(p + "gid_attrs/ndevs/%d" % idx, ndev)
        for idx in range(len(gids), len(gids) + 2):  # unused table entries read as zero GIDs
            self.f(p + "gids/%d" % idx, "0000:0000:0000:0000:0000:0000:0000:0000")
        self.rdma_links.append({"ifindex": len(self.rdma_links), "ifname": dev, "port": 1,
                                "state": state[0].split(": ")[1], "physical_state": state[1].split(": ")[1].upper().replace("LINKUP", "LINK_UP").replace("DISABLED", "DISABLED"),
                                "netdev": netdev, "netdev_index": next(l["ifindex"] for l in self.links if l["ifname"] == netdev)})
        self.devinfo.append("hca_id:\t%s\n\ttransport:\t\t\tInfiniBand (0)\n\tfw_ver:\t\t\t\t%s\n\tnode_guid:\t\t\t%s\n\tvendor_id:\t\t\t%s\n\tphys_port_cnt:\t\t\t1\n\t\tport:\t1\n\t\t\tstate:\t\t\tPORT_%s (%s)\n\t\t\tmax_mtu:\t\t4096 (5)\n\t\t\tactive_mtu:\t\t%d (%d)\n\t\t\tlink_layer:\t\tEthernet\n" % (
            dev, "0.0.0" if parent else "16.35.2000", "b859:9fff:fe3b:0100", "0x0000" if parent else "0x02c9",
            state[0].split(": ")[1], state[0].split(": ")[0], mtu, {256: 1, 512: 2, 1024: 3, 2048: 4, 4096: 5}[mtu]))

    def save(self):
        # etc/ holds hand-written network configurations (see samples/README.md): kept across regeneration.
        for sub in ("sys", "proc", "commands"):
            if os.path.exists(os.path.join(self.dir, sub)):
                shutil.rmtree(os.path.join(self.dir, sub))
        for path, text in self.files.items():
            write(os.path.join(self.dir, path), text)
        write(os.path.join(self.dir, "proc/sys/kernel/hostname"), self.hostname)
        write(os.path.join(self.dir, "etc/hostname"), self.hostname)
        c = os.path.join(self.dir, "commands")
        write(os.path.join(c, "ip-link.json"), json.dumps(self.links))
        write(os.path.join(c, "ip-addr.json"), json.dumps(self.addrs))
        write(os.path.join(c, "ip-route4.json"), json.dumps(self.routes4))
        write(os.path.join(c, "ip-route6.json"), json.dumps(self.routes6))
        if self.rdma_links:
            write(os.path.join(c, "rdma-link.json"), json.dumps(self.rdma_links))
            write(os.path.join(c, "ibv-devinfo.txt"), "\n".join(self.devinfo))
        else:
            write(os.path.join(c, "rdma-link.json"), "[]")
            self.errors["ibv-devinfo.txt"] = "exit 255: No IB devices found"
        for name, text in self.commands.items():
            write(os.path.join(c, name), text)
        for name, why in self.errors.items():
            write(os.path.join(c, name + ".err"), why)
        write(os.path.join(self.dir, "README.md"), "# %s\n\n%s\n" % (os.path.basename(self.dir), self.description))

NO_OVS = {"ovs-open-vswitch.json": "ovs-vsctl not available", "ovs-bridge.json": "ovs-vsctl not available",
          "ovs-port.json": "ovs-vsctl not available", "ovs-interface.json": "ovs-vsctl not available",
          "ovs-bond-show.txt": "ovs-appctl not available"}

NIC1, NIC2, MGMT = "0000:3b:00", "0000:5e:00", "0000:19:00"

def base(h, storage_on, bond=None, nic_driver="mlx5_core", speed=25000, mtu=9000, degraded=False):
    h.netdev("lo", kind="loopback", mtu=65536, link_type="loopback", addrs=[("127.0.0.1", 8, "host"), ("::1", 128, "host")])
    h.netdev("eno1", mac_addr="3c:ec:ef:10:20:01", speed=1000, pci=MGMT + ".0", driver="igb",
             addrs=[("198.51.100.21", 24), ("fe80::3eec:efff:fe10:2001", 64, "link")])
    ports = [("ens1f0", NIC1 + ".0", mac(1, 0)), ("ens1f1", NIC1 + ".1", mac(1, 1)),
             ("ens2f0", NIC2 + ".0", mac(2, 0)), ("ens2f1", NIC2 + ".1", mac(2, 1))]
    for name, pci, m in ports:
        enslaved = bond is not None and name in bond["slaves"]
        carrier = not (degraded and name == "ens1f1")
        slave_data = None
        if enslaved:
            slave_data = {"state": "ACTIVE" if name == bond.get("active", name) else "BACKUP",
                          "mii_status": "UP" if carrier else "DOWN", "link_failure_count": 3 if not carrier else 0,
                          "perm_hwaddr": m, "queue_id": 0}
            if bond["mode"] == "802.3ad":
                slave_data.update({"ad_aggregator_id": 1, "ad_actor_oper_port_state": 63, "ad_partner_oper_port_state": 63})
        h.netdev(name, mac_addr=bond["mac"] if enslaved else m, mtu=mtu if enslaved or name in storage_on else 1500,
                 speed=speed, pci=pci, driver=nic_driver, carrier=carrier,
                 master=bond["name"] if enslaved else None, slave_kind="bond" if enslaved else None, slave_data=slave_data)
        if enslaved:
            d = "sys/class/net/%s/bonding_slave/" % name
            h.f(d + "mii_status", "up" if carrier else "down"); h.f(d + "link_failure_count", 3 if not carrier else 0)
            h.f(d + "perm_hwaddr", m); h.f(d + "state", "active" if name == bond.get("active", name) else "backup")
    h.routes4.extend([
        {"dst": "default", "gateway": "198.51.100.1", "dev": "eno1", "protocol": "static", "flags": []},
        {"dst": "198.51.100.0/24", "dev": "eno1", "protocol": "kernel", "scope": "link", "prefsrc": "198.51.100.21", "flags": []},
        {"type": "local", "dst": "127.0.0.0/8", "table": "local", "dev": "lo", "protocol": "kernel", "scope": "host", "prefsrc": "127.0.0.1", "flags": []},
        {"type": "local", "dst": "198.51.100.21", "table": "local", "dev": "eno1", "protocol": "kernel", "scope": "host", "prefsrc": "198.51.100.21", "flags": []},
        {"type": "broadcast", "dst": "198.51.100.255", "table": "local", "dev": "eno1", "protocol": "kernel", "scope": "link", "prefsrc": "198.51.100.21", "flags": []}])
    h.routes6.extend([
        {"dst": "fe80::/64", "dev": "eno1", "protocol": "kernel", "metric": 256, "flags": [], "pref": "medium"},
        {"type": "local", "dst": "::1", "table": "local", "dev": "lo", "protocol": "kernel", "metric": 0, "flags": [], "pref": "medium"}])

def storage_routes(h, dev):
    h.routes4.extend([
        {"dst": "10.10.1.0/24", "dev": dev, "protocol": "kernel", "scope": "link", "prefsrc": STORAGE_IP, "flags": []},
        {"dst": "10.10.0.0/16", "gateway": "10.10.1.1", "dev": dev, "protocol": "static", "metric": 100, "flags": []},
        {"type": "local", "dst": STORAGE_IP, "table": "local", "dev": dev, "protocol": "kernel", "scope": "host", "prefsrc": STORAGE_IP, "flags": []}])

def linux_bond(h, name, mode, slaves, active, bmac, lacp=False, degraded=False, speed=25000):
    info = {"mode": mode, "miimon": 100, "updelay": 0, "downdelay": 0, "peer_notify_delay": 0, "use_carrier": 1,
            "arp_interval": 0, "arp_validate": "none", "arp_all_targets": "any", "primary_reselect": "always",
            "fail_over_mac": "none", "xmit_hash_policy": "layer3+4" if lacp else "layer2", "resend_igmp": 1,
            "num_peer_notif": 1, "all_slaves_active": 0, "min_links": 0, "lp_interval": 1, "packets_per_slave": 1}
    if lacp:
        info.update({"ad_lacp_active": "on", "ad_lacp_rate": "fast", "ad_select": "stable",
                     "ad_info": {"aggregator": 1, "num_ports": 2, "actor_key": 21, "partner_key": 32769, "partner_mac": "00:1c:73:aa:bb:01"},
                     "ad_actor_sys_prio": 65535, "ad_user_port_key": 0, "ad_actor_system": "00:00:00:00:00:00"})
    else:
        info["active_slave"] = active
    h.netdev(name, kind="bond", mac_addr=bmac, mtu=9000, speed=speed * (2 if lacp else 1), info_data=info,
             addrs=[(STORAGE_IP, 24), ("fe80::ba59:9fff:fe3b:100", 64, "link")])
    d = "sys/class/net/%s/bonding/" % name
    num = {"active-backup": 1, "802.3ad": 4}[mode]
    h.f(d + "mode", "%s %d" % (mode, num)); h.f(d + "miimon", 100); h.f(d + "updelay", 0); h.f(d + "downdelay", 0)
    h.f(d + "slaves", " ".join(slaves)); h.f(d + "mii_status", "up")
    h.f(d + "lacp_rate", "fast 1" if lacp else "slow 0")
    h.f(d + "xmit_hash_policy", "layer3+4 1" if lacp else "layer2 0")
    h.f(d + "primary", ""); h.f(d + "active_slave", "" if lacp else active)
    if lacp:
        h.f(d + "ad_aggregator", 1); h.f(d + "ad_num_ports", 2); h.f(d + "ad_actor_key", 21)
        h.f(d + "ad_partner_key", 32769); h.f(d + "ad_partner_mac", "00:1c:73:aa:bb:01")
    text = ["Ethernet Channel Bonding Driver: v6.1.0-28-amd64", ""]
    if lacp:
        text += ["Bonding Mode: IEEE 802.3ad Dynamic link aggregation", "Transmit Hash Policy: layer3+4 (1)"]
    else:
        text += ["Bonding Mode: fault-tolerance (active-backup)", "Primary Slave: None", "Currently Active Slave: " + active]
    text += ["MII Status: up", "MII Polling Interval (ms): 100", "Up Delay (ms): 0", "Down Delay (ms): 0", "Peer Notification Delay (ms): 0", ""]
    if lacp:
        text += ["802.3ad info", "LACP active: on", "LACP rate: fast", "Min links: 0", "Aggregator selection policy (ad_select): stable",
                 "System priority: 65535", "System MAC address: " + bmac, "Active Aggregator Info:",
                 "\tAggregator ID: 1", "\tNumber of ports: 2", "\tActor Key: 21", "\tPartner Key: 32769",
                 "\tPartner Mac Address: 00:1c:73:aa:bb:01", ""]
    for i, s in enumerate(slaves):
        down = degraded and s == "ens1f1"
        text += ["Slave Interface: " + s, "MII Status: " + ("down" if down else "up"),
                 "Speed: " + ("Unknown" if down else "%d Mbps" % speed), "Duplex: " + ("Unknown" if down else "full"),
                 "Link Failure Count: %d" % (3 if down else 0), "Permanent HW addr: " + mac(1, i), "Slave queue ID: 0"]
        if lacp:
            text += ["Aggregator ID: 1", "Actor Churn State: none", "Partner Churn State: none", "Actor Churned Count: 0",
                     "Partner Churned Count: 0", "details actor lacp pdu:", "    system priority: 65535",
                     "    system mac address: " + bmac, "    port key: 21", "    port priority: 255",
                     "    port number: %d" % (i + 1), "    port state: 63", "details partner lacp pdu:",
                     "    system priority: 32768", "    system mac address: 00:1c:73:aa:bb:01", "    oper key: 32769",
                     "    port priority: 32768", "    port number: %d" % (17 + i), "    port state: 63"]
        text.append("")
    h.f("proc/net/bonding/" + name, "\n".join(text))
    storage_routes(h, name)

def hw_rdma(h, storage_dev, active_port, lag=False):
    gid_ip = (v4gid(STORAGE_IP), storage_dev)
    if lag:
        m = mac(1, 0)
        h.rdma("mlx5_bond_0", "bond0", pci=NIC1 + ".0", gids=[(ll_gid(m), "IB/RoCE v1", "bond0"), (ll_gid(m), "RoCE v2", "bond0"),
                                                            (gid_ip[0], "IB/RoCE v1", "bond0"), (gid_ip[0], "RoCE v2", "bond0")])
        others = [("mlx5_2", "ens2f0", NIC2 + ".0", mac(2, 0)), ("mlx5_3", "ens2f1", NIC2 + ".1", mac(2, 1))]
    else:
        others = [("mlx5_0", "ens1f0", NIC1 + ".0", mac(1, 0)), ("mlx5_1", "ens1f1", NIC1 + ".1", mac(1, 1)),
                  ("mlx5_2", "ens2f0", NIC2 + ".0", mac(2, 0)), ("mlx5_3", "ens2f1", NIC2 + ".1", mac(2, 1))]
    enslaved = storage_dev == "bond0" and not lag
    for dev, netdev, pci, m in others:
        # A bond slave's port gets the bond master's default GIDs (roce_gid_mgmt.c: is_ndev_for_default_gid_filter).
        slave = enslaved and netdev in ("ens1f0", "ens1f1")
        dm, dn = (mac(1, 0), "bond0") if slave else (m, netdev)
        gids = [(ll_gid(dm), "IB/RoCE v1", dn), (ll_gid(dm), "RoCE v2", dn)]
        # The RDMA core adds a bond's IP GIDs only to the active slave's port.
        if netdev == active_port and storage_dev == "bond0":
            gids += [(gid_ip[0], "IB/RoCE v1", "bond0"), (gid_ip[0], "RoCE v2", "bond0")]
        down = any(l["ifname"] == netdev and "NO-CARRIER" in l["flags"] for l in h.links)
        h.rdma(dev, netdev, pci=pci, gids=gids, state=("1: DOWN", "3: Disabled") if down else ("4: ACTIVE", "5: LinkUp"))

def sample_active_backup(name="ab-hwroce", degraded=False):
    desc = ("Two dual-port ConnectX NICs (0000:3b:00, 0000:5e:00). Storage IP 10.10.1.11/24 on bond0 = "
            "ens1f0 + ens1f1, both ports of NIC 1, active-backup, miimon 100. Hardware RoCE: one RDMA device per port "
            "(mlx5_0..3); the storage GIDs sit on the active slave's device. Management on eno1 with the default route.")
    if degraded:
        desc = ("Degraded: like ab-hwroce, but bond0's backup slave ens1f1 has lost carrier (MII down, link failure "
                "count 3) and its RDMA device mlx5_1 is DOWN. The single-NIC bond is running on one port.")
    h = Host(name, "node4" if degraded else "node1", desc)
    bond = {"name": "bond0", "mode": "active-backup", "slaves": ["ens1f0", "ens1f1"], "active": "ens1f0", "mac": mac(1, 0)}
    base(h, ["bond0"], bond, degraded=degraded)
    linux_bond(h, "bond0", "active-backup", ["ens1f0", "ens1f1"], "ens1f0", mac(1, 0), degraded=degraded)
    h.errors.update(NO_OVS)
    hw_rdma(h, "bond0", "ens1f0")
    h.save()

def sample_lacp_lag():
    h = Host("lacp-roce-lag", "node2", "Same NICs as ab-hwroce. bond0 is 802.3ad (LACP fast, layer3+4) over both ports of NIC 1 "
             "with RoCE LAG: one RDMA device mlx5_bond_0 for the bond. The switch side (partner 00:1c:73:aa:bb:01, key 32769) "
             "is a port-channel on one switch.")
    bond = {"name": "bond0", "mode": "802.3ad", "slaves": ["ens1f0", "ens1f1"], "mac": mac(1, 0)}
    base(h, ["bond0"], bond)
    linux_bond(h, "bond0", "802.3ad", ["ens1f0", "ens1f1"], None, mac(1, 0), lacp=True)
    h.errors.update(NO_OVS)
    hw_rdma(h, "bond0", None, lag=True)
    h.save()

OVS_UUID = {"br": "a2b90de4-e175-4903-ba07-e438217f213d", "p_br": "367a7d48-f2a6-4c8c-b03a-effb4ddb081b",
            "p_st": "7fbb6f74-f7da-4169-9959-e9fa1a15d78d", "p_bond": "0ce2c9c0-1a61-4aa6-8e62-329a042c9e35",
            "i_st": "716ee3ec-b319-4e96-9f63-8610ebb079a2", "i_br": "5a0e4f88-8822-423a-b7e9-fbc16630d58b",
            "i_a": "72cdfbfd-5aec-449e-b6b0-43231105390f", "i_b": "17158257-8786-4e01-bea9-c37ddec447d9"}

def sample_migrated():
    h = Host("migrated-ovs", "node3", "Already migrated: OVS bridge br-storage (system datapath) with bond-storage "
             "(active-backup, miimon 100) over ens1f0 (NIC 1) and ens2f0 (NIC 2), and the internal port 'storage' carrying "
             "10.10.1.11/24. No Linux bond. OVS database shapes copied from a real ovs-vswitchd 3.1.")
    base(h, ["ens1f0", "ens2f0"])
    for l in h.links:
        if l["ifname"] in ("ens1f0", "ens2f0"):
            l["master"] = "ovs-system"
            l["linkinfo"] = {"info_slave_kind": "openvswitch"}
            l["mtu"] = 9000
            h.f("sys/class/net/%s/mtu" % l["ifname"], 9000)
    h.netdev("ovs-system", kind="openvswitch", mac_addr="62:1f:3c:5e:8a:11", up=False)
    h.netdev("br-storage", kind="openvswitch", mac_addr="e6:0d:b9:a2:03:49", up=False)
    h.netdev("storage", kind="openvswitch", mac_addr="2e:25:ea:bd:49:c3", mtu=9000,
             addrs=[(STORAGE_IP, 24), ("fe80::2c25:eaff:febd:49c3", 64, "link")])
    storage_routes(h, "storage")
    u = OVS_UUID
    h.commands["ovs-open-vswitch.json"] = json.dumps({"data": [["3.1.0"]], "headings": ["ovs_version"]})
    h.commands["ovs-bridge.json"] = json.dumps({"data": [[["uuid", u["br"]], "br-storage", "system",
        ["set", [["uuid", u["p_bond"]], ["uuid", u["p_br"]], ["uuid", u["p_st"]]]]]], "headings": ["_uuid", "name", "datapath_type", "ports"]})
    h.commands["ovs-port.json"] = json.dumps({"data": [
        [["uuid", u["p_br"]], "br-storage", ["uuid", u["i_br"]], ["set", []], ["set", []], 0, 0, ["set", []], ["map", []]],
        [["uuid", u["p_st"]], "storage", ["uuid", u["i_st"]], ["set", []], ["set", []], 0, 0, ["set", []], ["map", []]],
        [["uuid", u["p_bond"]], "bond-storage", ["set", [["uuid", u["i_b"]], ["uuid", u["i_a"]]]], "active-backup", ["set", []], 0, 0,
         ["set", []], ["map", [["bond-detect-mode", "miimon"], ["bond-miimon-interval", "100"]]]]],
        "headings": ["_uuid", "name", "interfaces", "bond_mode", "lacp", "bond_updelay", "bond_downdelay", "tag", "other_config"]})
    h.commands["ovs-interface.json"] = json.dumps({"data": [
        [["uuid", u["i_st"]], "storage", "internal", 9000, 9000, 1, "up", "up", "2e:25:ea:bd:49:c3"],
        [["uuid", u["i_br"]], "br-storage", "internal", 1500, ["set", []], 65534, "down", "down", "e6:0d:b9:a2:03:49"],
        [["uuid", u["i_a"]], "ens1f0", "", 9000, ["set", []], 3, "up", "up", mac(1, 0)],
        [["uuid", u["i_b"]], "ens2f0", "", 9000, ["set", []], 2, "up", "up", mac(2, 0)]],
        "headings": ["_uuid", "name", "type", "mtu", "mtu_request", "ofport", "link_state", "admin_state", "mac_in_use"]})
    h.commands["ovs-bond-show.txt"] = """---- bond-storage ----
bond_mode: active-backup
bond may use recirculation: no, Recirc-ID : -1
bond-hash-basis: 0
lb_output action: disabled, bond-id: -1
updelay: 0 ms
downdelay: 0 ms
lacp_status: off
lacp_fallback_ab: false
active-backup primary: <none>
active member mac: %s(ens1f0)

member ens1f0: enabled
  active member
  may_enable: true

member ens2f0: enabled
  may_enable: true
""" % mac(1, 0)
    hw_rdma(h, "storage", "ens1f0")
    h.save()

def sample_softroce():
    h = Host("softroce", "node5", "Soft-RoCE host: two dual-port Intel NICs without RDMA (ixgbe, 0000:3b:00 and 0000:5e:00). "
             "bond0 is 802.3ad (LACP fast, miimon 100) over both ports of NIC 1 with the storage IP; rxe0 is a Soft-RoCE "
             "link on bond0 (rdma link add rxe0 type rxe netdev bond0), which a migration must move explicitly.")
    bond = {"name": "bond0", "mode": "802.3ad", "slaves": ["ens1f0", "ens1f1"], "mac": mac(1, 0)}
    base(h, ["bond0"], bond, nic_driver="ixgbe", speed=10000)
    linux_bond(h, "bond0", "802.3ad", ["ens1f0", "ens1f1"], None, mac(1, 0), lacp=True, speed=10000)
    h.errors.update(NO_OVS)
    m = mac(1, 0)
    # rxe supports RoCE v2 only: its default GID is index 0 (as the real-kernel capture shows).
    h.rdma("rxe0", "bond0", parent="bond0", gids=[(ll_gid(m), "RoCE v2", "bond0"), (v4gid(STORAGE_IP), "RoCE v2", "bond0")])
    h.save()

if __name__ == "__main__":
    sample_active_backup()
    sample_lacp_lag()
    sample_migrated()
    sample_active_backup("degraded", degraded=True)
    sample_softroce()
    print("samples written under", HERE)
