# Tier-2 guest A for lab/bench-verbs: RC ping-pong round trips over Soft-RoCE to guest B, the C
# reference (ibv_rc_pingpong, to B's matching responder on port 18600) and network-tool's Java
# verbs-check (to B's probe serve), alternating, RUNS times each, same size and count.
# Figures go to /mnt/a-bench-verbs.txt, one "tool run mean_us median_us" line per measurement.
. "$(dirname "$(readlink -f "$0")")/common.sh"
BENCH_N=1000
BENCH_SIZE=64
BENCH_RUNS=3
[ -f "$out/params" ] && . "$out/params"
host_under_test_up
[ -e "$out/a-lab-not-ready" ] && exit 3
gid=$(roce_v2_ipv4_gid rxe0)
nt --version > /dev/null   # the JVM's first start (page cache) outside the measurement
: > "$out/a-bench-verbs.txt"
for r in $(seq "$BENCH_RUNS"); do
  stamp "ibv_rc_pingpong run $r"
  for try in 1 2 3; do   # B's responder restarts between clients
    timeout 120 ibv_rc_pingpong -d rxe0 -g "$gid" -n "$BENCH_N" -s "$BENCH_SIZE" -m 4096 -p 18600 "$peer_ip" > /run/ibv.txt 2>&1 && break
    sleep 1
  done
  us=$(sed -n 's/.* = \([0-9.]*\) usec\/iter/\1/p' /run/ibv.txt)
  why=; [ -n "$us" ] || why=$(tail -n 1 /run/ibv.txt | cut -c1-200)
  echo "ibv_rc_pingpong $r ${us:-failed} - $why" >> "$out/a-bench-verbs.txt"
  stamp "verbs-check run $r"
  # Like the C side's tries: a responder not up yet (a JVM starting on a loaded one-CPU guest) is waited for, up to 3 tries.
  for try in 1 2 3; do
    nt verbs-check --peer "$peer_ip" --key-file "$out/cluster.key" --iterations "$BENCH_N" --size "$BENCH_SIZE" -o json > /run/java.json 2>/run/java.err && break
    sleep 5
  done
  python3 - /run/java.json "$r" >> "$out/a-bench-verbs.txt" <<'PY'
import json, sys
try:
    p = json.load(open(sys.argv[1]))["peers"][0]
    if not p.get("latency"):
        raise ValueError("%s: %s" % (p.get("failure"), p.get("message")))
    print("network-tool", sys.argv[2], "%.2f" % p["latency"]["meanUs"], "%.2f" % p["latency"]["medianUs"])
except Exception as e:
    why = str(e) if isinstance(e, ValueError) else (open("/run/java.err").read().strip().splitlines() or [repr(e)])[-1]
    print("network-tool", sys.argv[2], "failed", "-", why[:200])
PY
done
stamp done
