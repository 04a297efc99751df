# Tier-2 guest A with emulated hardware RoCE (HWROCE=yes in /mnt/params): bond0 (MODE) on NIC 1 with the
# storage IP, one RDMA function per port (emlx0..emlx3, see common.sh and lab/README.md), no Soft-RoCE on
# bond0. inspect and verbs-check before; upgrade (its gates ping-pong from every member's own path to the
# peer's probe serve); inspect and verbs-check after; one member's neighbour entry for the peer removed
# (its path must fail) and put back; the active member's cable pulled (the standby members' paths must
# still answer); rollback; inspect and verbs-check. Results in /mnt/a-* for Tier2LabIT.
. "$(dirname "$(readlink -f "$0")")/common.sh"
state=/run/nt
key=(--key-file "$out/cluster.key")

switch_do() { # WORDS: a change guest B's switch makes to its flows (switch.sh), done before this returns
  rm -f "$out/b-switch-done"
  request "$out/b-switch-request" "$@"
  wait_for "$out/b-switch-done" 90
}

cable() { # N up|down, done by lab/tier2 on both ends (member NIC and RDMA function together on this side)
  rm -f "$out/cable-done"
  request "$out/cable-request" "$1" "$2"
  wait_for "$out/cable-done" 30
}

cable_of() { # MEMBER: its cable's number for cable()
  case $1 in ens1f0) echo 0 ;; ens1f1) echo 1 ;; ens2f0) echo 2 ;; ens2f1) echo 3 ;; *) echo "no cable for $1" >&2; return 1 ;; esac
}

active_member() {
  ovs-appctl bond/show bond-storage 2>/dev/null | sed -n 's/^active member mac: .*(\(.*\))$/\1/p'
}

has_active_member() { [ -n "$(active_member)" ]; }

# An RDMA stream to the peer (verbs-check --soak, ARGS added) while the carrying member's cable is pulled and, once the
# stream has moved off it and a few seconds passed, plugged back; the stream runs on until the pulled member's lane is
# rebuilt (a deadline, not a fixed length: a loaded guest takes longer), then stops on SIGINT as on Ctrl-C.
soak_cable() { # LABEL ARGS...
  local label=$1 victim c soak seen rc=0; shift
  victim=$(active_member); victim=${victim:-ens1f0}
  c=$(cable_of "$victim")
  echo "$victim $c" > "$out/a-soak-$label-victim"
  ( exec java "${jvm[@]}" -jar "$repo/cli/target/network-tool.jar" verbs-check --peer "$peer_ip" "${key[@]}" --soak 15m --rate 200 \
      "$@" -o json > "$out/a-soak-$label.out" 2> "$out/a-soak-$label.err" ) &
  soak=$!
  wait_for_line "$out/a-soak-$label.err" "streaming over" 120 || true
  sleep 5   # steady streaming before the cable goes
  stamp "soak-$label-cable-out"
  date +%s.%N > "$out/a-soak-$label-cable-out"
  # What the stream says after the pull, not a loaded guest's earlier stalls, says it reacted.
  seen=$(wc -l < "$out/a-soak-$label.err")
  cable "$c" down
  wait_for_line "$out/a-soak-$label.err" "moving off|rebuilding" 60 "$seen" || true
  sleep 4   # out a while: the lane's rebuilds fail meanwhile
  local in_at; in_at=$(wc -l < "$out/a-soak-$label.err")
  cable "$c" up
  stamp "soak-$label-cable-in"
  # Multipath: the pulled member's own lane rebuilt once its cable is back. A single queue pair: rebuilt on another
  # member after its error, since the pull.
  if [[ " $* " == *" --single-path "* ]]; then
    wait_for_line "$out/a-soak-$label.err" ": rebuilt" 180 "$seen" || true
  else
    wait_for_line "$out/a-soak-$label.err" "$victim > [^:]*: rebuilt" 180 "$in_at" || true
  fi
  sleep 6   # the rebuilt lane proves itself (a keepalive every 5 s) before the stream ends
  kill -INT "$soak" 2>/dev/null || true
  wait "$soak" || rc=$?
  echo "$rc" > "$out/a-soak-$label.rc"
}

held_stream_start() { # LABEL: verbs-check --soak --every-port in the background until held_stream_stop, steady before this returns
  ( exec java "${jvm[@]}" -jar "$repo/cli/target/network-tool.jar" verbs-check --peer "$peer_ip" "${key[@]}" --soak 2h --every-port \
      --rate 200 -o json > "$out/a-soak-$1.out" 2> "$out/a-soak-$1.err" ) &
  echo $! > "/run/soak-$1.pid"
  wait_for_line "$out/a-soak-$1.err" "streaming over" 120 || true
  sleep 3
}

held_stream_stop() { # LABEL: SIGINT, as Ctrl-C; its exit code to a-soak-LABEL.rc
  local pid rc=0
  pid=$(cat "/run/soak-$1.pid")
  sleep 3
  kill -INT "$pid" 2>/dev/null || true
  wait "$pid" || rc=$?
  echo "$rc" > "$out/a-soak-$1.rc"
}

snapshot() { # LABEL: what the functions and members hold, for a failed assertion to show
  { ip -br link; ip -br addr; ip -6 neigh show nud permanent; rdma link; for d in /sys/class/infiniband/*; do
      echo "$(basename "$d"): $(paste -d' ' "$d"/ports/1/gids/0 "$d"/ports/1/gids/1 2>/dev/null)"; done; } > "$out/a-state-$1.txt" 2>&1 || true
}

stamp boot-done
host_under_test_up
[ -e "$out/a-lab-not-ready" ] && exit 3
stamp host-ready
snapshot before
nt inspect -o json > "$out/a-before.json"
stamp verbs-check-before
verbs before

stamp upgrade
# What the functions saw while the upgrade ran, for a failed gate to be explained.
( while [ ! -e /run/upgrade.done ]; do
    { echo "== $(date +%T.%N)"; rdma statistic show link 2>&1 | grep -o 'link [^ ]* \|rcvd_pkts [0-9]*\|sent_pkts [0-9]*\|rcvd_seq_err [0-9]*\|duplicate_request [0-9]*\|retry_exceeded_err [0-9]*' | paste -sd' '
      for f in rf1f0 rf1f1 rf2f0 rf2f1; do echo "$f $(cat /sys/class/net/$f/address) rx $(cat /sys/class/net/$f/statistics/rx_packets) tx $(cat /sys/class/net/$f/statistics/tx_packets) $(ip -br -6 addr show dev $f)"; done
      ip -6 neigh show nud permanent; } >> "$out/a-functions-during-upgrade.txt" 2>&1
    nap 5
  done ) &
# --rdma-stream: an RDMA stream held from before the first step to after the last (a lane from the storage IP's path and
# from every port's link-local path, each carrying once it answers), journaled as a gate. FORM=ci (CI's form, see
# lab/README.md "CI and nightly"): without it, the naive order at the end, the misrouting switch and the peer's own queue
# pair — on one-CPU TCG guests they add about half again to the scenario's time.
full=yes; [ "${FORM:-full}" = ci ] && full=no
stream=(--rdma-stream); [ $full = no ] && stream=()
run_rc upgrade nt upgrade --yes --confirm-timeout 0 --peer "$peer_ip" "${key[@]}" --state-dir "$state" --no-persist "${stream[@]}"
touch /run/upgrade.done
# The tool's neighbour entries for the peer, for the naive order below to make the same ones.
ip -6 neigh show nud permanent | awk '$2 == "dev" && $4 == "lladdr" && $3 ~ /^ens/ {print $1, $3, $5}' > /run/tool-neighbours
snapshot after
nt inspect -o json > "$out/a-after.json"
stamp verbs-check-after
verbs after

if [ "$(cat "$out/a-upgrade.rc")" = 0 ] && [ "${SOAK_ONLY:-no}" != yes ]; then
  # Path detection with verbs: 64 flow labels from every member's own function; every label is stable on this switch.
  stamp flows-after
  run_rc flows-after nt path-probe --verbs --peer "$peer_ip" "${key[@]}" --flow-labels 64 -o json
  if [ $full = yes ]; then
    # The switch sends the replies to ens2f0 from UDP source ports 49152-49159 (flow labels 1-7) out of NIC 1's first port,
    # as a port-channel's hash does to some 5-tuples: those labels' replies land on another NIC and must be found.
    stamp flows-misrouted
    switch_do misroute "$(cat /sys/class/net/ens2f0/address)"
    run_rc flows-misrouted nt path-probe --verbs --peer "$peer_ip" "${key[@]}" --member ens2f0 --flow-labels 64 -o json
    # verbs-check on a label the probe found lost, then on one it found stable (both queue pairs carry the label).
    run_rc verbs-label-lost nt verbs-check --peer "$peer_ip" "${key[@]}" --device emlx2 --flow-label 3 --iterations 20 -o json
    run_rc verbs-label-stable nt verbs-check --peer "$peer_ip" "${key[@]}" --device emlx2 --flow-label 8 --iterations 20 -o json
    switch_do restore

    # The other direction: the peer's own queue pair to a member's function (ibv_rc_pingpong server on emlx3, ens2f1's).
    # The peer resolves the member's GID only through the entry its probe serve recorded when the member's path was
    # checked (OVS takes the solicitations arriving on members): first without it (must fail), then after one verbs-check
    # from that member has recorded it again, and once more 15 s later (a learned entry would have failed by then).
    stamp peer-to-member
    ens2f1_gid=$(cat /sys/class/infiniband/emlx3/ports/1/gids/0)
    peer_to_member() { # LABEL
      ( rc=0; timeout 90 ibv_rc_pingpong -d emlx3 -g 0 -n 20 > "$out/a-peer-to-member-$1-server.txt" 2>&1 || rc=$?
        echo "$rc" > "$out/a-peer-to-member-$1-server.rc" ) &
      local server=$!
      switch_do pingpong "$1"
      kill "$server" 2>/dev/null || true   # a server whose client failed waits for nobody
      wait "$server" || true
    }
    switch_do forget "$ens2f1_gid"
    peer_to_member unseeded
    run_rc verbs-seed nt verbs-check --peer "$peer_ip" "${key[@]}" --device emlx3 -o json
    peer_to_member seeded
    sleep 15
    peer_to_member later
  fi

  # The neighbour entry is what makes a member's path work: without it, RTR cannot resolve the peer (no kinder than the kernel).
  stamp no-neighbour
  entry=$(ip -6 neigh show dev ens2f1 nud permanent | head -n 1)
  ip -6 neigh del "$(echo "$entry" | cut -d' ' -f1)" dev ens2f1
  sleep 1
  run_rc verbs-no-neighbour nt verbs-check --peer "$peer_ip" "${key[@]}" --device emlx3 -o json
  ip -6 neigh replace "$(echo "$entry" | cut -d' ' -f1)" lladdr "$(echo "$entry" | cut -d' ' -f3)" dev ens2f1 nud permanent
  sleep 1

  stamp failover
  ovs-appctl bond/show bond-storage > "$out/a-bond-before-failover.txt" 2>&1 || true
  victim=$(active_member)
  c=$(cable_of "${victim:-ens1f0}")
  echo "${victim:-ens1f0} $c" > "$out/a-failover-victim"
  cable "$c" down
  within 10 member_is disabled "${victim:-ens1f0}" || true
  ovs-appctl bond/show bond-storage > "$out/a-bond-after-failover.txt" 2>&1 || true
  snapshot failover
  for try in 1 2 3; do   # the victim's path must fail; the others are tried again under TCG load
    run_rc verbs-failover nt verbs-check --peer "$peer_ip" "${key[@]}" -o json
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(any(not m["result"]["ok"] and m["member"] != sys.argv[2] for m in r["members"]))' \
      "$out/a-verbs-failover.out" "${victim:-ens1f0}" 2>/dev/null && break
    for f in out err rc; do cp "$out/a-verbs-failover.$f" "$out/a-verbs-failover-try$try.$f"; done
  done
  cable "$c" up
  within 20 member_is enabled "${victim:-ens1f0}" || true
fi

if [ "$(cat "$out/a-upgrade.rc")" = 0 ]; then
  # RDMA through a NIC failure: the tool's multipath stream (a standby queue pair per member, deadline 50 ms), then for
  # comparison one queue pair that is rebuilt on the next path only once it errors, each through a pulled cable.
  stamp soak
  soak_cable multipath --stall-ms 50
  within 20 has_active_member || true
  soak_cable single --single-path
fi

stamp rollback
run_rc rollback nt rollback "${key[@]}" --state-dir "$state"
sleep 1
snapshot restored
nt inspect -o json > "$out/a-restored.json"
stamp verbs-check-restored
verbs restored
nt journal show --state-dir "$state" > "$out/a-journal.txt" 2>&1 || true
nt journal show --state-dir "$state" -o json > "$out/a-journal.json" 2>/dev/null || true

if [ "$(cat "$out/a-upgrade.rc")" = 0 ] && [ $full = yes ]; then
  # For comparison, the naive order on the restored host, under the same stream: the storage IP off bond0 and bond0 gone
  # first, then the OVS bond built and the IP put back, with the neighbour entries the tool made (without them no
  # member's path works at all). The host is not restored after this: the guest ends here.
  stamp naive
  held_stream_start naive
  date +%s.%N > "$out/a-naive-start"
  { ip addr del "$storage_ip/24" dev bond0
    ip link del bond0
    ovs-vsctl --may-exist add-br br-storage -- --may-exist add-port br-storage storage -- set interface storage type=internal mtu_request=9000
    ovs-vsctl --may-exist add-bond br-storage bond-storage ens1f0 ens1f1 ens2f0 ens2f1 bond_mode=active-backup
    for p in ens1f0 ens1f1 ens2f0 ens2f1; do ip link set "$p" up; done
    ip link set storage up
    ip addr add "$storage_ip/24" dev storage
    while read -r dst dev mac; do ip -6 neigh replace "$dst" lladdr "$mac" dev "$dev" nud permanent; done < /run/tool-neighbours
  } > "$out/a-naive.out" 2>&1 || true
  wait_for_line "$out/a-soak-naive.err" "rebuilt" 60 || true
  held_stream_stop naive
fi
stamp done
