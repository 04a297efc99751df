#!/usr/bin/env python3
"""Figures for lab/bench-cutover from one case's probe dump and the window the host was changed in.

  bench-figures.py CASE EXIT WALL UDP.json TCP.json WINDOW_START WINDOW_END [WHY]  → one JSON line
  bench-figures.py window JOURNAL...   → "START END": first action begun to last action done

The window is clipped to the stream (a change that ran past the stream's end would count silence after it), and a case
whose figures do not hold together (a window gap above the whole stream's, probes not accounted for, a failed run) is
marked with "thrown_out" and why, for the summary to leave it out and say so. Never a traceback: one line and exit 1.
"""
import datetime, json, sys


def window(files):
    ts = []
    for f in files:
        for line in open(f):
            r = json.loads(line.split(" ", 2)[2])
            if r["type"] in ("ACTION_BEGIN", "ACTION_DONE"):
                ts.append(datetime.datetime.fromisoformat(r["time"].replace("Z", "+00:00")).timestamp())
    if not ts:
        raise ValueError("no action in the journal")
    print(min(ts), max(ts))


def gaps(times, lo, hi):
    ts = [lo] + sorted(t for t in times if lo <= t <= hi) + [hi]
    return max(b - a for a, b in zip(ts, ts[1:]))


def figures(case, rc, wall, udp, tcp, w0, w1, why=""):
    u = json.load(open(udp)); t = json.load(open(tcp))
    start, end = u["start"], u["end"]
    w0, w1 = max(float(w0), start), min(float(w1), end)
    recv = list(u["recv_at"].values())
    sent = u["sent_at"]
    in_window = [i for i, x in enumerate(sent) if w0 <= x <= w1]
    row = {
        "case": case, "exit": int(rc), "wall_s": round(float(wall), 2),
        "probes": len(sent), "received": len(recv), "lost": len(sent) - len(recv),
        "largest_gap_ms": round(gaps(recv, start, end) * 1000, 1),
        "change_window_s": round(w1 - w0, 3),
        "window_gap_ms": round(gaps(recv, max(start, w0 - 0.05), min(end, w1 + 0.5)) * 1000, 1),
        "window_lost": sum(1 for i in in_window if str(i) not in u["recv_at"]),
        "tcp": t["tcp"]}
    problems = []
    if row["exit"] != 0:
        problems.append("the change failed (exit %d)%s" % (row["exit"], ": " + why if why else ""))
    if w1 <= w0:
        problems.append("the change window lies outside the stream")
    if row["window_gap_ms"] > row["largest_gap_ms"]:
        problems.append("window gap %.1f ms above the whole stream's %.1f ms" % (row["window_gap_ms"], row["largest_gap_ms"]))
    if row["received"] > row["probes"] or row["probes"] == 0:
        problems.append("%d probes sent, %d received" % (row["probes"], row["received"]))
    if end < float(w1) - 0.001:
        problems.append("the stream ended before the change did")
    if problems:
        row["thrown_out"] = "; ".join(problems)
    print(json.dumps(row))


try:
    if sys.argv[1] == "window":
        window(sys.argv[2:])
    else:
        figures(*sys.argv[1:])
except Exception as e:  # one line, never a traceback
    print("bench-figures: %s: %s" % (" ".join(sys.argv[1:3]), e), file=sys.stderr)
    sys.exit(1)
