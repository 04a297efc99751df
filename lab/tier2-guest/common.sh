# Sourced by the tier-2 guest scripts. Names the guest's ports like a server's (guest A, the host under
# test: ens1f0/ens1f1 = NIC 1, ens2f0/ens2f1 = NIC 2; with emulated hardware RoCE, their RDMA functions'
# NICs rf1f0, rf1f1, rf2f0, rf2f1) or like a switch's (guest B: sw-a0, sw-a1,
# sw-b0, sw-b1, plugged into A's ports in that order); helpers for OVS, Soft-RoCE and the cables.
set -Eeuo pipefail
# A script that stops on an error says where (a tier-2 run ended once with exit 1 and not a word after its last stamp):
# every failed command is noted (commands allowed to fail too), and the last one is said if the script exits non-zero.
nt_last_failed=
trap 'nt_last_failed="line $LINENO: \`$BASH_COMMAND\` (exit $?)"' ERR
trap 'rc=$?; [ "$rc" = 0 ] || echo "$(basename "$0"): exit $rc; the last command that failed: ${nt_last_failed:-none}" >&2' EXIT
# This file is REPO/lab/tier2-guest/common.sh; the guest sees the host's tree at the same path.
repo=$(dirname "$(dirname "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")")")
out=/mnt
role=${NT_ROLE:-solo}
peer_ip=192.0.2.2
storage_ip=192.0.2.1
MODE=active-backup
[ -f "$out/params" ] && . "$out/params"

# Under TCG a JVM start costs seconds: C1 only, serial GC, the class-data archive lab/tier2 dumped
# for this jar (its classes are verified when dumped, so verification is skipped here too).
jsa=$repo/lab/.cache/t2/network-tool.jsa
jvm=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CICompilerCount=1 -XX:+UnlockDiagnosticVMOptions -XX:-BytecodeVerificationRemote)
[ -f "$jsa" ] && jvm+=(-XX:SharedArchiveFile="$jsa")
nt() { java "${jvm[@]}" -jar "$repo/cli/target/network-tool.jar" "$@"; }
[ "${HWROCE:-no}" = yes ] && export NETWORK_TOOL_LAB_RDMA_FUNCTIONS=/run/rdma-functions
stamp() { echo "== $(date +%s.%N) $*"; }

ip link set lo up
for d in /sys/class/net/eth*; do
  [ -e "$d" ] || continue
  case $role:$(basename "$(dirname "$(readlink -f "$d/device")")") in
    b:0000:00:04.0) n=sw-a0 ;; b:0000:00:04.1) n=sw-a1 ;; b:0000:00:05.0) n=sw-b0 ;; b:0000:00:05.1) n=sw-b1 ;;
    a:0000:00:06.0) n=rf1f0 ;; a:0000:00:06.1) n=rf1f1 ;; a:0000:00:07.0) n=rf2f0 ;; a:0000:00:07.1) n=rf2f1 ;;
    *:0000:00:04.0) n=ens1f0 ;; *:0000:00:04.1) n=ens1f1 ;; *:0000:00:05.0) n=ens2f0 ;; *:0000:00:05.1) n=ens2f1 ;;
    *) continue ;;
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
  ip addr add "$storage_ip/24" dev bond0
  modprobe rdma_rxe
  if [ "${HWROCE:-no}" = yes ]; then
    rdma_functions
  else
    rdma link add rxe0 type rxe netdev bond0
  fi
}

# Emulated hardware RoCE (lab/README.md): one RDMA function per port, emlx0..emlx3, each a Soft-RoCE device
# on the function NIC that shares the port's wire; nicfw.py keeps each function in step with its port. The
# tool is told which function is which port's through NETWORK_TOOL_LAB_RDMA_FUNCTIONS.
rdma_functions() {
  local i=0 m
  : > /run/rdma-functions
  for m in ens1f0 ens1f1 ens2f0 ens2f1; do
    local f=rf${m#ens}
    ip link set "$f" up
    rdma link add "emlx$i" type rxe netdev "$f"
    echo "emlx$i $m $f" >> /run/rdma-functions
    i=$((i+1))
  done
  rm -f /run/nicfw.ready
  python3 "$repo/lab/tier2-guest/nicfw.py" /run/nicfw.ready > "$out/a-nicfw.log" 2>&1 &
  wait_for /run/nicfw.ready 60
}

start_ovs() {
  modprobe openvswitch
  export OVS_RUNDIR=/run/openvswitch OVS_DBDIR=/run/openvswitch
  mkdir -p "$OVS_RUNDIR"
  # Guest A keeps its database where a host does, on its root (kept across its reboots); B's is new each boot.
  local db=$OVS_RUNDIR/conf.db
  [ "$role" = a ] && db=/var/lib/nt-ovs/conf.db && mkdir -p /var/lib/nt-ovs
  [ -f "$db" ] || ovsdb-tool create "$db" /usr/share/openvswitch/vswitch.ovsschema
  ovsdb-server "$db" --remote="punix:$OVS_RUNDIR/db.sock" --pidfile --detach --no-chdir --log-file="$out/ovsdb-$role.log"
  ovs-vsctl --no-wait init
  # Debian 12's OVS 3.1.0 counts 0 CPUs while its monotonic clock (the guest's uptime) is under
  # ~10 s: a vswitchd started or reconfigured then sizes 0 upcall handlers ("Overriding
  # n-handler-threads to 0") and forwards nothing that misses the kernel flow table. Measured in
  # these guests: 0 handlers at uptime 7.4 s, 1 from 9.9 s on, every time. A host in the field has
  # been up far longer; the lab waits.
  local up
  while up=$(cut -d. -f1 /proc/uptime); [ "$up" -lt 11 ]; do nap 0.5; done
  ovs-vswitchd --pidfile --detach --no-chdir --log-file="$out/vswitchd-$role.log"
}

# The GID index of DEV's RoCE v2 GID for an IPv4 address (what ibv_rc_pingpong's -g wants).
roce_v2_ipv4_gid() { # DEV
  local p=/sys/class/infiniband/$1/ports/1 f i
  for f in "$p"/gid_attrs/types/*; do
    i=$(basename "$f")
    if [ "$(cat "$f" 2>/dev/null)" = "RoCE v2" ] && grep -q '^0000:0000:0000:0000:0000:ffff:' "$p/gids/$i" 2>/dev/null; then
      echo "$i"; return 0
    fi
  done
  return 1
}

# Guest A: once the switch guest is ready, bond0 (MODE) with the storage IP and rxe0, the cables in,
# OVS running; then until the switch has answered LACP (802.3ad) and the peer answers ping.
host_under_test_up() {
  wait_for "$out/b.ready" 300
  make_bond "$MODE"
  cables_connected
  start_ovs
  if [ "$MODE" = 802.3ad ]; then
    within 30 grep -q "Partner Mac Address: [0-9a-f:]*[1-9a-f]" /proc/net/bonding/bond0 || true
  fi
  local reached=no
  within 60 ping -c 1 -W 1 "$peer_ip" > /dev/null 2>&1 && reached=yes
  # The lab's own link-up between the guests (cables, LACP toward the switch guest) did not come up:
  # there is no starting state to migrate from. Said in a file, for the test to boot the pair again.
  if [ $reached = no ]; then
    { echo "the peer $peer_ip never answered bond0"; grep -i "partner mac" /proc/net/bonding/bond0 || true; } > "$out/a-lab-not-ready"
  fi
  return 0
}

# Guest A, once its ports are up: lab/tier2 plugs the cables in when the switch guest is ready too.
cables_connected() {
  touch "$out/a.nics-up"
  wait_for "$out/cables-connected" 300
}

# Guest A reboots: its root's changes saved to the shared folder (as a disk keeps them), then a reset;
# lab/tier2 boots it again and the init puts them back under the overlay.
reboot_host() {
  sync
  tar -C /var/lib/nt-rw/upper --exclude=./var/lib/nt-rw --exclude=./tmp -cf "$out/a-upper.tar.new" .
  mv "$out/a-upper.tar.new" "$out/a-upper.tar"
  touch "$out/a.reboot"
  sync
  echo b > /proc/sysrq-trigger
}

# What a Debian host's boot does for the network: Open vSwitch from its database, then ifupdown
# (`ifup -a`, with openvswitch-switch's and ifenslave's hooks) from /etc/network/interfaces.
boot_network() {
  start_ovs
  mkdir -p /run/network
  set +e; ifup -a > "$out/a-ifup-$1.txt" 2>&1; echo $? >> "$out/a-ifup-$1.txt"; set -e
}

# Figures the tests read back: exit codes and output of a command.
run_rc() { # NAME COMMAND...: stdout/err to a-NAME.out/.err, exit code to a-NAME.rc
  local name=$1; shift
  set +e; "$@" > "$out/a-$name.out" 2> "$out/a-$name.err"; echo $? > "$out/a-$name.rc"; set -e
}

# verbs-check to the peer (key from OUTDIR/cluster.key), tried up to 3 times under TCG load; each failed try is kept.
verbs() { # LABEL [ARGS...]: verbs-check to the peer, up to 3 tries under TCG load (each failed try kept as a-verbs-LABEL-tryN.*)
  local label=$1 try; shift
  for try in 1 2 3; do
    run_rc "verbs-$label" nt verbs-check --peer "$peer_ip" --key-file "$out/cluster.key" -o json "$@"
    [ "$(cat "$out/a-verbs-$label.rc")" = 0 ] && return 0
    for f in out err rc; do cp "$out/a-verbs-$label.$f" "$out/a-verbs-$label-try$try.$f"; done
    sleep 2
  done
}

request() { # FILE WORDS...: a request to the host or the other guest, written whole and then renamed into place, so the
  # reader never sees it half-written (a reader that found it empty once ended a whole tier-2 run with exit 1)
  echo "${@:2}" > "$1.part"
  mv -f "$1.part" "$1"
}

# A pause without a process: under TCG every exec of /bin/sleep costs the guest's only CPU real time, and the guests'
# polling loops would spend it five times a second. `read -t` on a FIFO nobody writes to waits in the shell itself.
nap_fifo=$(mktemp -u /run/nap.XXXXXX); mkfifo "$nap_fifo"; exec {nap_fd}<> "$nap_fifo"; rm -f "$nap_fifo"
nap() { read -rt "$1" -u "$nap_fd" || true; }

# Every wait is a deadline on a condition, not a count of tries: a guest slowed by a busy machine waits as long in
# seconds as a quick one, and a condition met early ends the wait at once.
within() { # SECONDS COMMAND...: COMMAND every 0.2 s until it succeeds (0) or SECONDS have passed (1)
  local end=$((SECONDS + $1)); shift
  until "$@"; do [ "$SECONDS" -lt "$end" ] || return 1; nap 0.2; done
}

wait_for() { # FILE SECONDS
  within "$2" test -e "$1" || { echo "timed out after $2 s waiting for $1" >&2; return 1; }
}

wait_for_line() { # FILE PATTERN SECONDS [AFTER]: until a line of FILE (past its first AFTER lines) matches the extended regex PATTERN
  within "$3" line_after "$1" "${4:-0}" "$2" || { echo "timed out after $3 s waiting for /$2/ in $1" >&2; return 1; }
}

line_after() { # FILE N PATTERN: a line past the first N of FILE matches PATTERN
  tail -n +"$(( $2 + 1 ))" "$1" 2>/dev/null | grep -Eq "$3"
}

member_is() { # enabled|disabled MEMBER: what OVS's bond/show says of the member of bond-storage
  ovs-appctl bond/show bond-storage 2>/dev/null | grep -A1 "^member $2:" | grep -q "$1"
}
