# Tier-2 guest A for lab/bench-cutover --tier2: the real Linux bond0 with the storage IP, probes
# from the storage IP to the peer's responders in guest B (1 ms UDP echoes and one held TCP
# connection, both timed on this guest's clock, like the journal), while CASE (tool|naive) moves the
# storage IP onto an OVS bond across both NICs. Figures go to /mnt/a-figures.json.
. "$(dirname "$(readlink -f "$0")")/common.sh"
CASE=tool
[ -f "$out/params" ] && . "$out/params"
py=/usr/bin/python3
host_under_test_up
[ -e "$out/a-lab-not-ready" ] && exit 3
nt --version > /dev/null   # the JVM's first start (page cache) outside the measurement
rm -f /run/stop /run/tcp.ready
$py "$repo/lab/probe.py" stream "$peer_ip" 9000 900 /run/stop > /run/udp.json & udp=$!
$py "$repo/lab/probe.py" tcp-client "$peer_ip" 9001 900 /run/stop /run/tcp.ready > /run/tcp.json & tcp=$!
# The change starts once the connection it must hold is open (a loaded guest took more than the 2 s once allowed), then
# after a second of steady probes.
wait_for /run/tcp.ready 60 || true
sleep 1
t0=$(date +%s.%N); rc=0
if [ "$CASE" = tool ]; then
  # --no-persist: this guest's bond0 is made by the lab, no network configuration file defines it.
  nt upgrade --yes --confirm-timeout 0 --no-persist --peer "$peer_ip" --state-dir /run/nt > "$out/a-upgrade.out" 2>&1 || rc=$?
else
  # The naive order: take the IP off the Linux bond, then build the OVS bond and put it back.
  { ip addr del "$storage_ip/24" dev bond0
    rdma link delete rxe0
    ip link del bond0
    ovs-vsctl add-br br-storage -- add-port br-storage storage -- set interface storage type=internal mtu_request=9000
    for p in ens1f0 ens1f1 ens2f0 ens2f1; do ip link set "$p" mtu 9000; ip link set "$p" up; done
    if [ "$MODE" = 802.3ad ]; then
      ovs-vsctl add-bond br-storage bond-storage ens1f0 ens1f1 ens2f0 ens2f1 bond_mode=balance-tcp lacp=active other_config:lacp-time=fast
    else
      ovs-vsctl add-bond br-storage bond-storage ens1f0 ens1f1 ens2f0 ens2f1 bond_mode=active-backup
    fi
    ip addr add "$storage_ip/24" dev storage
    ip link set storage up
    rdma link add rxe0 type rxe netdev storage; } > "$out/a-upgrade.out" 2>&1 || rc=$?
fi
t1=$(date +%s.%N)
sleep 3
touch /run/stop
wait "$udp" "$tcp" || true
w0=$t0; w1=$t1
if [ "$CASE" = tool ] && [ "$rc" = 0 ]; then
  # (no process substitution here: the guest's /dev has no /dev/fd)
  window=$($py "$repo/lab/bench-figures.py" window /run/nt/runs/*.journal) && { w0=${window% *}; w1=${window#* }; }
fi
$py "$repo/lab/bench-figures.py" "$CASE" "$rc" "$($py -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$t0" "$t1")" \
  /run/udp.json /run/tcp.json "$w0" "$w1" "$(tail -n 1 "$out/a-upgrade.out" | cut -c1-160)" > "$out/a-figures.json"
