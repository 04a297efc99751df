# Tier-2 guest B: the switch (OVS kernel datapath; a balance-tcp LACP bond over the four ports
# toward guest A when MODE=802.3ad, plain ports otherwise) and the storage peer on an internal
# port with its own Soft-RoCE device, answering ibv_rc_pingpong until guest A has finished.
. "$(dirname "$(readlink -f "$0")")/common.sh"
start_ovs
V=ovs-vsctl
$V add-br br-sw
if [ "$MODE" = 802.3ad ]; then
  $V add-bond br-sw sw-bond sw-a0 sw-a1 sw-b0 sw-b1 bond_mode=balance-tcp lacp=active other_config:lacp-time=fast
else
  for p in sw-a0 sw-a1 sw-b0 sw-b1; do $V add-port br-sw "$p"; done
fi
$V add-port br-sw peer -- set interface peer type=internal
for p in sw-a0 sw-a1 sw-b0 sw-b1 peer; do $V set interface "$p" mtu_request=9000; ip link set "$p" up; done
ip link set br-sw up
# Only "peer" answers ARP for the peer's address: with Linux's default any interface of B holding
# no address (br-sw's internal port) answers too, and a host that learns br-sw's MAC still pings
# but its RoCE packets arrive on br-sw, where no RDMA device listens (seen: 2340 UDP datagrams in,
# 0 RDMA packets received).
sysctl -qw net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2
ip addr add "$peer_ip/24" dev peer
modprobe rdma_rxe
rdma link add rxe1 type rxe netdev peer
within 10 roce_v2_ipv4_gid rxe1 > /run/peer-gid || true
gid=$(cat /run/peer-gid)
echo "peer rxe1 RoCE v2 GID index $gid"
( while [ ! -e "$out/a.rc" ]; do
    timeout 60 ibv_rc_pingpong -d rxe1 -g "$gid" -n 100 >> "$out/b-pingpong.log" 2>&1 || true
  done ) &
server=$!
# network-tool's own responder, for verbs-check and upgrade's RC ping-pong gates, when the test gave a key.
if [ -f "$out/cluster.key" ]; then
  nt probe serve --listen "$peer_ip" --key-file "$out/cluster.key" 2>> "$out/b-probe.log" &
  probe=$!
  wait_for_line "$out/b-probe.log" "listening on" 60 || true
fi
[ -f "$out/b-serve" ] && . "$out/b-serve"   # extra responders (lab/bench-cutover --tier2)
touch "$out/b.ready"
( while [ ! -e "$out/a.rc" ]; do { echo "== $(date +%T)"; ovs-appctl fdb/show br-sw; } >> "$out/b-fdb.txt" 2>&1; nap 10; done ) &
# Changes guest A asks of the switch (hwroce.sh's switch_do): a misroute stands for a port-channel hashing some 5-tuples
# toward a member onto another port.
while [ ! -e "$out/a.rc" ]; do
  if [ -e "$out/b-switch-request" ]; then
    read -r what arg < "$out/b-switch-request" || { nap 0.2; continue; }   # (renamed into place whole: not expected)
    rm -f "$out/b-switch-request"
    case $what in
      misroute) ovs-ofctl add-flow br-sw "cookie=0x77,priority=100,udp6,dl_dst=$arg,tp_src=0xc000/0xfff8,actions=output:sw-a0" ;;
      restore) ovs-ofctl del-flows br-sw "cookie=0x77/-1" ;;
      # The peer's own queue pair to a member of A (A runs the ibv_rc_pingpong server): from rxe1's default GID, index 0.
      # (tried again while A's server is not listening yet: a refused connection says nothing about RDMA).
      pingpong) end=$((SECONDS + 20))
        while :; do
          rc=0   # a failing queue pair is a result here, not the end of this script (set -e)
          timeout 30 ibv_rc_pingpong -d rxe1 -g 0 -n 20 192.0.2.1 > "$out/b-peer-to-member-$arg.txt" 2>&1 || rc=$?
          grep -q "Couldn't connect" "$out/b-peer-to-member-$arg.txt" && [ "$SECONDS" -lt "$end" ] || break
          sleep 0.5
        done
        { echo "rc $rc"; ip -6 neigh show dev peer; } >> "$out/b-peer-to-member-$arg.txt" 2>&1 ;;
      # Forget what the probe exchange recorded for a GID of A (fe80:0000:...: its link-local address).
      forget) ip -6 neigh del "$(python3 -c 'import ipaddress,sys; print(ipaddress.IPv6Address(sys.argv[1]))' "$arg")" dev peer 2>&1 | tee -a "$out/b-switch-flows.txt" || true ;;
    esac
    ovs-ofctl dump-flows br-sw >> "$out/b-switch-flows.txt" 2>&1
    touch "$out/b-switch-done"
  fi
  nap 0.2
done
ovs-appctl bond/show > "$out/b-bond.txt" 2>&1 || true
ovs-appctl lacp/show > "$out/b-lacp.txt" 2>&1 || true
rdma statistic show link > "$out/b-rdma-stat.txt" 2>&1 || true
kill "$server" 2>/dev/null || true
[ -n "${probe:-}" ] && kill "$probe" 2>/dev/null || true
