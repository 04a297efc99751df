#!/usr/bin/env python3
"""Replays what NetworkManager's Open vSwitch plugin does to OVSDB at boot, against a real ovsdb-server.

    lab/boot-networkmanager.py ROOT DB_SOCKET OUT

ROOT/etc/NetworkManager/system-connections holds the profiles; DB_SOCKET is an ovsdb-server with the
database the migration left. Debian packages NetworkManager without its OVS plugin, so the plugin's
OVSDB transactions are rebuilt here from its source (src/core/devices/ovs/nm-ovsdb.c, 1.42–1.46):

 1. at start, ovsdb_cleanup_initial_interfaces: every Interface whose external_ids carry
    NM.connection-uuid is deleted (_delete_interface), ports left empty with it, bridges left empty too;
 2. then each ovs-interface and each ethernet port of an ovs-port is activated (_add_interface): a Bridge,
    Port or Interface row is reused only when its name and its NM.connection-uuid match the profile's,
    otherwise it is inserted with what the profile says (bond mode, LACP, up/down delay, ovs-other-config,
    the internal port's MTU from [ethernet] mtu, cloned MACs), in one transaction per interface.

Open vSwitch itself decides whether a transaction holds (a second row with a name in use is refused).
Every transaction and its answer go to OUT/nm-boot.log; the exit code is the number that failed.
Not replayed: the "wait"/"expect" guards NetworkManager adds against concurrent writers, the devices'
kernel side (MTU of system interfaces, addresses), and activation order beyond one interface at a time.
"""
import configparser
import json
import os
import subprocess
import sys

NM_ID = "NM.connection-uuid"


def profiles(root):
    d = os.path.join(root, "etc/NetworkManager/system-connections")
    out = []
    for n in sorted(os.listdir(d)):
        if n.startswith("."):
            continue
        c = configparser.ConfigParser(interpolation=None, strict=False)
        c.optionxform = str
        c.read(os.path.join(d, n))
        out.append(c)
    return out


def get(c, section, key, default=None):
    return c.get(section, key, fallback=default) if c.has_section(section) else default


class Db:
    def __init__(self, sock, log):
        self.sock = sock
        self.log = log
        self.failed = 0

    def transact(self, ops, what):
        req = json.dumps(["Open_vSwitch"] + ops)
        r = subprocess.run(["ovsdb-client", "transact", "unix:" + self.sock, req], capture_output=True, text=True, timeout=60)
        answer = r.stdout.strip() or r.stderr.strip()
        errors = []
        try:
            for x in json.loads(r.stdout):
                if isinstance(x, dict) and "error" in x:
                    errors.append(x["error"] + ": " + x.get("details", ""))
        except ValueError:
            errors.append("no JSON answer: " + answer)
        if r.returncode != 0 and not errors:
            errors.append("ovsdb-client exit %d: %s" % (r.returncode, r.stderr.strip()))
        self.log.write("== %s\n%s\n-> %s\n" % (what, req, "; ".join(errors) if errors else "ok"))
        if errors:
            self.failed += 1
        return not errors

    def rows(self, table, columns):
        r = subprocess.run(["ovsdb-client", "transact", "unix:" + self.sock,
                            json.dumps(["Open_vSwitch", {"op": "select", "table": table, "where": [], "columns": columns + ["_uuid"]}])],
                           capture_output=True, text=True, timeout=60, check=True)
        return json.loads(r.stdout)[0]["rows"]


def uuids(v):
    """An OVSDB set of references as a list of UUID strings."""
    if v[0] == "uuid":
        return [v[1]]
    return [x[1] for x in v[1]]


def strmap(v):
    return {k: val for k, val in v[1]}


def state(db):
    bridges = db.rows("Bridge", ["name", "ports", "external_ids"])
    ports = {p["_uuid"][1]: p for p in db.rows("Port", ["name", "interfaces", "external_ids"])}
    ifaces = {i["_uuid"][1]: i for i in db.rows("Interface", ["name", "external_ids"])}
    ovs = db.rows("Open_vSwitch", ["bridges"])[0]
    return bridges, ports, ifaces, ovs


def ref_set(us):
    return ["set", [["uuid", u] for u in us]]


def delete_interface(db, name):
    bridges, ports, ifaces, ovs = state(db)
    ops = []
    keep_bridges = []
    bridges_changed = False
    for b in bridges:
        keep_ports = []
        ports_changed = False
        for pu in uuids(b["ports"]):
            p = ports[pu]
            left = [iu for iu in uuids(p["interfaces"]) if ifaces[iu]["name"] != name]
            if not left:
                ports_changed = True
                continue
            if len(left) != len(uuids(p["interfaces"])):
                ops.append({"op": "update", "table": "Port", "where": [["_uuid", "==", ["uuid", pu]]], "row": {"interfaces": ref_set(left)}})
            keep_ports.append(pu)
        if not keep_ports:
            bridges_changed = True
            continue
        if ports_changed:
            ops.append({"op": "update", "table": "Bridge", "where": [["_uuid", "==", b["_uuid"]]], "row": {"ports": ref_set(keep_ports)}})
        keep_bridges.append(b["_uuid"][1])
    if bridges_changed:
        ops.append({"op": "update", "table": "Open_vSwitch", "where": [["_uuid", "==", ovs["_uuid"]]], "row": {"bridges": ref_set(keep_bridges)}})
    db.transact(ops, "cleanup: delete interface " + name)


def other_config(c):
    if not c.has_section("ovs-other-config"):
        return []
    return [[k[len("data."):], v] for k, v in c.items("ovs-other-config") if k.startswith("data.")]


def add_interface(db, bridge, port, iface):
    bridges, ports, ifaces, ovs = state(db)
    bname, pname, iname = (get(x, "connection", "interface-name") for x in (bridge, port, iface))
    buid, puid, iuid = (get(x, "connection", "uuid") for x in (bridge, port, iface))
    found_bridge = found_port = None
    has_interface = False
    for b in bridges:
        if b["name"] != bname or strmap(b["external_ids"]).get(NM_ID) != buid:
            continue
        found_bridge = b
        for pu in uuids(b["ports"]):
            p = ports[pu]
            if p["name"] != pname or strmap(p["external_ids"]).get(NM_ID) != puid:
                continue
            found_port = p
            for iu in uuids(p["interfaces"]):
                i = ifaces[iu]
                if i["name"] == iname and strmap(i["external_ids"]).get(NM_ID) == iuid:
                    has_interface = True
            break
        break
    ops = []
    new_iface = [] if has_interface else [["named-uuid", "rowInterface"]]
    if found_port is None:
        port_row = {"name": pname, "interfaces": ["set", new_iface], "external_ids": ["map", [[NM_ID, puid]]],
                    "other_config": ["map", other_config(port)]}
        for key, column, kind in (("bond-mode", "bond_mode", str), ("lacp", "lacp", str), ("bond-updelay", "bond_updelay", int),
                                  ("bond-downdelay", "bond_downdelay", int)):
            v = get(port, "ovs-port", key)
            if v not in (None, "", "0"):
                port_row[column] = kind(v)
        if found_bridge is None:
            bridge_row = {"name": bname, "ports": ["set", [["named-uuid", "rowPort"]]], "external_ids": ["map", [[NM_ID, buid]]],
                          "other_config": ["map", other_config(bridge) + ([["hwaddr", get(bridge, "ethernet", "cloned-mac-address").lower()]]
                                                                          if get(bridge, "ethernet", "cloned-mac-address") else [])]}
            if get(bridge, "ovs-bridge", "datapath-type"):
                bridge_row["datapath_type"] = get(bridge, "ovs-bridge", "datapath-type")
            ops.append({"op": "insert", "table": "Bridge", "row": bridge_row, "uuid-name": "rowBridge"})
            ops.append({"op": "mutate", "table": "Open_vSwitch", "where": [["_uuid", "==", ovs["_uuid"]]],
                        "mutations": [["bridges", "insert", ["set", [["named-uuid", "rowBridge"]]]]]})
        else:
            ops.append({"op": "mutate", "table": "Bridge", "where": [["_uuid", "==", found_bridge["_uuid"]]],
                        "mutations": [["ports", "insert", ["set", [["named-uuid", "rowPort"]]]]]})
        ops.append({"op": "insert", "table": "Port", "row": port_row, "uuid-name": "rowPort"})
    elif not has_interface:
        ops.append({"op": "mutate", "table": "Port", "where": [["_uuid", "==", found_port["_uuid"]]],
                    "mutations": [["interfaces", "insert", ["set", new_iface]]]})
    if not has_interface:
        kind = get(iface, "ovs-interface", "type", "system")
        row = {"name": iname, "type": "internal" if kind == "internal" else "", "external_ids": ["map", [[NM_ID, iuid]]],
               "other_config": ["map", other_config(iface)]}
        mac = get(iface, "ethernet", "cloned-mac-address")
        if mac:
            row["mac"] = mac.lower()
        if kind == "internal" and get(iface, "ethernet", "mtu"):
            row["mtu_request"] = int(get(iface, "ethernet", "mtu"))
        ops.append({"op": "insert", "table": "Interface", "row": row, "uuid-name": "rowInterface"})
    if ops:
        db.transact(ops, "activate %s (port %s, bridge %s)" % (iname, pname, bname))


def main():
    root, sock, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "nm-boot.log"), "w") as log:
        db = Db(sock, log)
        _, _, ifaces, _ = state(db)
        for i in sorted(ifaces.values(), key=lambda x: x["name"]):
            if NM_ID in strmap(i["external_ids"]):
                delete_interface(db, i["name"])
        all_profiles = profiles(root)
        by_uuid = {get(c, "connection", "uuid"): c for c in all_profiles}
        by_id = {get(c, "connection", "id"): c for c in all_profiles}

        def master(c):
            m = get(c, "connection", "master") or get(c, "connection", "controller")
            return by_uuid.get(m) or by_id.get(m)

        for c in all_profiles:
            if get(c, "connection", "slave-type", get(c, "connection", "port-type")) != "ovs-port":
                continue
            port = master(c)
            bridge = master(port) if port is not None else None
            if bridge is None:
                log.write("== %s: its ovs-port or ovs-bridge profile is missing\n" % get(c, "connection", "id"))
                db.failed += 1
                continue
            add_interface(db, bridge, port, c)
    sys.exit(db.failed)


if __name__ == "__main__":
    main()
