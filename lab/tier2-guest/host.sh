# Tier-2 guest A, the host under test: a real Linux bond0 (MODE) on NIC 1 with the storage IP and
# Soft-RoCE rxe0, migrated by network-tool to an OVS kernel-datapath bond across NIC 1 and NIC 2;
# RC ping-pong to the peer before, after, during a failover and after rollback; then, with
# CRASH=yes in /mnt/params, SIGKILL at every step boundary followed by rollback; with REBOOT=yes, an
# upgrade, a reboot (the host's own ifupdown and OVS database bring the network back), rollback, and
# a reboot again. Every result goes to /mnt/a-* for the test to assert on.
. "$(dirname "$(readlink -f "$0")")/common.sh"
CRASH=no
VERBS_ERRORS=no
REBOOT=no
[ -f "$out/params" ] && . "$out/params"
state=/run/nt
key=(--key-file "$out/cluster.key")   # the key guest B's probe serve holds
upgrade_args=(upgrade --yes --confirm-timeout 0 --peer "$peer_ip" "${key[@]}" --state-dir "$state")

pingpong() { # LABEL: an RC ping-pong over rxe0 to the peer's responder, retried while it restarts
  local gid try
  gid=$(roce_v2_ipv4_gid rxe0) || { echo "no RoCE v2 GID" > "$out/a-pp-$1.txt"; echo 1 > "$out/a-pp-$1.rc"; return 0; }
  for try in 1 2 3 4 5; do
    if timeout 60 ibv_rc_pingpong -d rxe0 -g "$gid" -n 100 "$peer_ip" > "$out/a-pp-$1.txt" 2>&1; then
      echo 0 > "$out/a-pp-$1.rc"; return 0
    fi
    sleep 2
  done
  echo 1 > "$out/a-pp-$1.rc"
}

cable() { # N up|down, done by lab/tier2 on both ends through qemu's monitors
  rm -f "$out/cable-done"
  request "$out/cable-request" "$1" "$2"
  wait_for "$out/cable-done" 30
}

reach() { # LABEL: the peer answers from the storage network
  if within 30 ping -c 1 -W 1 "$peer_ip" > /dev/null 2>&1; then echo 0 > "$out/a-reboot-$1-ping.rc"; else echo 1 > "$out/a-reboot-$1-ping.rc"; fi
}

# After a reboot (REBOOT=yes): the network as the host's own boot brings it up, checked, then on.
case $(cat "$out/a-phase" 2>/dev/null || echo first) in
  migrated)
    stamp boot-after-upgrade
    boot_network migrated
    cables_connected
    stamp reboot-migrated
    reach migrated
    ip -br addr > "$out/a-reboot-migrated-ip.txt" 2>&1 || true
    nt inspect -o json > "$out/a-reboot-migrated.json"
    stamp reboot-rollback
    run_rc reboot-rollback nt rollback --state-dir /var/lib/nt-state
    echo rolled-back > "$out/a-phase"
    stamp reboot
    reboot_host
    exit 0 ;;
  rolled-back)
    stamp boot-after-rollback
    boot_network restored
    cables_connected
    stamp reboot-restored
    reach restored
    ip -br addr > "$out/a-reboot-restored-ip.txt" 2>&1 || true
    nt inspect -o json > "$out/a-reboot-restored.json"
    set +e; diff -r /var/lib/nt-etc-before /etc/network > "$out/a-reboot-files.diff" 2>&1; echo $? > "$out/a-reboot-files.rc"; set -e
    stamp done
    exit 0 ;;
esac

stamp boot-done
host_under_test_up
[ -e "$out/a-lab-not-ready" ] && exit 3
stamp host-ready
# The boot configuration a Debian host has for this bond0 (ifupdown): upgrade rewrites it, rollback
# must give it back byte for byte. /etc is the guest's own overlay, never the machine's.
mkdir -p /etc/network/interfaces.d
printf 'source /etc/network/interfaces.d/*\n\nauto lo\niface lo inet loopback\n\n# NIC 2, up and unconfigured\nauto ens2f0\niface ens2f0 inet manual\n\nauto ens2f1\niface ens2f1 inet manual\n' > /etc/network/interfaces
cat > /etc/network/interfaces.d/storage <<IFACES
# storage: bond0 on NIC 1
auto bond0
iface bond0 inet static
    address $storage_ip/24
    mtu 9000
    bond-slaves ens1f0 ens1f1
    bond-mode $(cut -d' ' -f1 /sys/class/net/bond0/bonding/mode)
    bond-miimon 100
IFACES
rm -rf /run/etc-network-before; cp -a /etc/network /run/etc-network-before
stamp inspect-before
nt inspect -o json > "$out/a-before.json"
stamp pingpong-before
pingpong before
stamp verbs-check-before
verbs before

stamp upgrade
run_rc upgrade nt "${upgrade_args[@]}"
stamp inspect-after
nt inspect -o json > "$out/a-after.json"
cat /etc/network/interfaces.d/storage /etc/network/interfaces.d/network-tool-storage > "$out/a-persist-after.txt" 2>&1 || true
stamp pingpong-after
pingpong after
stamp verbs-check-after
verbs after

# Failover (when the upgrade went through): the cable of the member carrying the storage traffic (active-backup: the active member;
# balance-tcp: NIC 1's first port) unplugged at both ends under a 50 ms ping stream.
if [ "$(cat "$out/a-upgrade.rc")" = 0 ]; then
stamp failover
ovs-appctl bond/show bond-storage > "$out/a-bond-before-failover.txt" 2>&1 || true
victim=$(sed -n 's/^active member mac: .*(\(.*\))$/\1/p' "$out/a-bond-before-failover.txt")
case ${victim:-ens1f0} in ens1f0) c=0 ;; ens1f1) c=1 ;; ens2f0) c=2 ;; ens2f1) c=3 ;; esac
echo "${victim:-ens1f0} $c" > "$out/a-failover-victim"
ping -i 0.05 -c 160 -W 1 "$peer_ip" > "$out/a-failover-ping.txt" 2>&1 &
pinger=$!
sleep 2
cable "$c" down
wait "$pinger" || true
ovs-appctl bond/show bond-storage > "$out/a-bond-after-failover.txt" 2>&1 || true
pingpong failover
cable "$c" up
within 20 member_is enabled "${victim:-ens1f0}" || true
ovs-appctl bond/show bond-storage > "$out/a-bond-after-replug.txt" 2>&1 || true
fi

stamp rollback
run_rc rollback nt rollback "${key[@]}" --state-dir "$state"
stamp inspect-restored
nt inspect -o json > "$out/a-restored.json"
set +e; diff -r /run/etc-network-before /etc/network > "$out/a-persist-restored.diff" 2>&1; echo $? > "$out/a-persist-restored.rc"; set -e
stamp pingpong-restored
pingpong restored

if [ "$CRASH" = yes ]; then
  # Step boundaries from the journal of the run above: the action count at the end of each step
  # but the last.
  boundaries=$(python3 - "$state"/runs/*.journal <<'PY'
import json, sys
ends, n = [], 0
for line in open(sys.argv[1]):
    r = json.loads(line.split(" ", 2)[2])
    if r["type"] == "ROLLBACK_BEGIN":
        break
    if r["type"] == "ACTION_BEGIN":
        n += 1
    if r["type"] == "STEP_DONE" and n and (not ends or ends[-1] != n):
        ends.append(n)
print(" ".join(map(str, ends[:-1])))   # the last boundary is the finished run: the rollback above covers it
PY
)
  echo "$boundaries" > "$out/a-crash-points"
  for n in $boundaries; do
    stamp "crash after:$n"
    rm -rf "$state"; rm -f /run/pause
    NETWORK_TOOL_PAUSE=after:$n NETWORK_TOOL_PAUSE_FILE=/run/pause nt "${upgrade_args[@]}" > "$out/a-crash-$n-upgrade.out" 2>&1 &
    upgrader=$!
    while [ ! -s /run/pause ] && kill -0 "$upgrader" 2>/dev/null; do nap 0.2; done
    [ -s /run/pause ] && kill -9 "$(cut -d' ' -f1 /run/pause)"
    wait "$upgrader" || true
    run_rc "crash-$n-rollback" nt rollback --state-dir "$state"
    nt inspect -o json > "$out/a-crash-$n.json"
    set +e; diff -r /run/etc-network-before /etc/network > "$out/a-crash-$n-files.diff" 2>&1; set -e
  done
  stamp pingpong-after-crashes
  pingpong after-crashes
fi
if [ "$VERBS_ERRORS" = yes ]; then
  # Each failure verbs-check names, made for real: a key the responder does not hold, nobody at the
  # address, an RDMA device whose netdev has no IPv4 address (no RoCE v2 GID for one), a device
  # whose netdev is down.
  stamp verbs-errors
  # 0600 and beside the lab's own key (a folder others cannot write), or verbs-check refuses it before trying.
  (umask 077; head -c 32 /dev/urandom | base64 > "$out/wrong.key")
  run_rc verbs-wrong-key nt verbs-check --peer "$peer_ip" --key-file "$out/wrong.key"
  run_rc verbs-unreachable nt verbs-check --peer 192.0.2.99 "${key[@]}" --connect-timeout 2000
  rdma link add rxe9 type rxe netdev ens2f0
  ip link set ens2f1 down
  rdma link add rxe8 type rxe netdev ens2f1
  run_rc verbs-no-gid nt verbs-check --device rxe9
  run_rc verbs-port-down nt verbs-check --device rxe8
  rdma link delete rxe9; rdma link delete rxe8; ip link set ens2f1 up
fi
nt journal show --state-dir "$state" > "$out/a-journal.txt" 2>&1 || true
if [ "$REBOOT" = yes ]; then
  # A fresh migration whose journal and configuration live on the root (kept across the reboot).
  stamp reboot-upgrade
  rm -rf /var/lib/nt-etc-before; cp -a /etc/network /var/lib/nt-etc-before
  run_rc reboot-upgrade nt upgrade --yes --confirm-timeout 0 --peer "$peer_ip" --state-dir /var/lib/nt-state
  if [ "$(cat "$out/a-reboot-upgrade.rc")" = 0 ]; then
    echo migrated > "$out/a-phase"
    stamp reboot
    reboot_host
    exit 0
  fi
fi
stamp done
