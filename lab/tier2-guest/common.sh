# Sourced by the tier-2 guest scripts: the guest's NICs named like a server's, the host under test's
# Linux bond with the storage IP, Soft-RoCE on it, and Open vSwitch with the kernel datapath.
set -euo pipefail
# This file is REPO/lab/tier2-guest/common.sh; the guest sees the host's tree at the same path.
repo=$(dirname "$(dirname "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")")")
out=/mnt
nt() { java -jar "$repo/cli/target/network-tool.jar" "$@"; }
stamp() { echo "== $(date +%s.%N) $*"; }

ip link set lo up
for d in /sys/class/net/eth*; do
  case $(basename "$(dirname "$(readlink -f "$d/device")")") in
    0000:00:04.0) n=ens1f0 ;; 0000:00:04.1) n=ens1f1 ;; 0000:00:05.0) n=ens2f0 ;; 0000:00:05.1) n=ens2f1 ;; *) continue ;;
  esac
  ip link set "$(basename "$d")" name "$n"
done

make_bond() { # MODE
  modprobe bonding
  if [ "$1" = 802.3ad ]; then
    ip link add bond0 type bond mode 802.3ad miimon 100 lacp_rate fast xmit_hash_policy layer3+4
  else
    ip link add bond0 type bond mode active-backup miimon 100
  fi
  ip link set bond0 mtu 9000
  for p in ens1f0 ens1f1; do ip link set "$p" down; ip link set "$p" master bond0; done
  ip link set bond0 up
  for p in ens2f0 ens2f1; do ip link set "$p" up; done
  ip addr add 192.0.2.1/24 dev bond0
  modprobe rdma_rxe
  rdma link add rxe0 type rxe netdev bond0
}

start_ovs() {
  modprobe openvswitch
  export OVS_RUNDIR=/run/openvswitch OVS_DBDIR=/run/openvswitch
  mkdir -p "$OVS_RUNDIR"
  ovsdb-tool create "$OVS_RUNDIR/conf.db" /usr/share/openvswitch/vswitch.ovsschema
  ovsdb-server "$OVS_RUNDIR/conf.db" --remote="punix:$OVS_RUNDIR/db.sock" --pidfile --detach --no-chdir --log-file="$out/ovsdb.log"
  ovs-vsctl --no-wait init
  ovs-vswitchd --pidfile --detach --no-chdir --log-file="$out/vswitchd.log"
}
