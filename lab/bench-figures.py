#!/usr/bin/env python3
"""Figures for lab/bench-cutover from one case's probe dump and the window the host was changed in.

  bench-figures.py CASE EXIT WALL UDP.json TCP.json WINDOW_START WINDOW_END  → one JSON line
  bench-figures.py window JOURNAL...   → "START END": first action begun to last action done
"""
import datetime, json, sys

if sys.argv[1] == "window":
    ts = []
    for f in sys.argv[2:]:
        for line in open(f):
            r = json.loads(line.split(" ", 2)[2])
            if r["type"] in ("ACTION_BEGIN", "ACTION_DONE"):
                ts.append(datetime.datetime.fromisoformat(r["time"].replace("Z", "+00:00")).timestamp())
    print(min(ts), max(ts))
    sys.exit(0)

def gaps(times, lo, hi):
    ts = [lo] + sorted(t for t in times if lo <= t <= hi) + [hi]
    return max(b - a for a, b in zip(ts, ts[1:]))

case, rc, wall, udp, tcp, w0, w1 = sys.argv[1:]
u = json.load(open(udp)); t = json.load(open(tcp))
w0, w1 = float(w0), float(w1)
recv = list(u["recv_at"].values())
sent = u["sent_at"]
in_window = [i for i, x in enumerate(sent) if w0 <= x <= w1]
lost_window = sum(1 for i in in_window if str(i) not in u["recv_at"])
print(json.dumps({
    "case": case, "exit": int(rc), "wall_s": round(float(wall), 2),
    "probes": len(sent), "lost": len(sent) - len(recv),
    "largest_gap_ms": round(gaps(recv, u["start"], u["end"]) * 1000, 1),
    "change_window_s": round(w1 - w0, 3),
    "window_gap_ms": round(gaps(recv, w0 - 0.05, w1 + 0.5) * 1000, 1),
    "window_lost": lost_window,
    "tcp": t["tcp"]}))
