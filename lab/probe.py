#!/usr/bin/env python3
"""Probes for lab/bench-cutover, run inside the lab's namespaces only.

  probe.py echo PORT                   answer UDP probes (in the host namespace)
  probe.py stream IP PORT SECONDS [STOPFILE]
                                       send a probe every 1 ms, time the echoes, print JSON figures
  probe.py tcp-server PORT             accept one connection and echo it
  probe.py tcp-client IP PORT SECONDS [STOPFILE [READYFILE]]
                                       connect (within 60 s), create READYFILE, hold the connection open,
                                       send every 10 ms, print JSON: reset or not
A STOPFILE ends a stream or a connection early once it exists (the change under test is over).
Stops by itself; sends nowhere but the given lab address.
"""
import json, os, socket, struct, sys, time

class Stop:
    """Whether STOPFILE exists, looked at no more than every 100 ms."""
    def __init__(self, path):
        self.path, self.next, self.hit = path, 0.0, False
    def __call__(self):
        now = time.monotonic()
        if self.path and not self.hit and now >= self.next:
            self.next = now + 0.1
            self.hit = os.path.exists(self.path)
        return self.hit

def echo(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", port))
    while True:
        data, addr = s.recvfrom(64)
        try:
            s.sendto(data, addr)
        except OSError:
            pass  # no route while the address moves: that probe is lost, the responder stays

def stream(ip, port, seconds, stop=Stop(None)):
    """Sends a probe every 1 ms; prints JSON with the wall-clock send and receive time of each."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setblocking(False)
    start = time.monotonic()
    wall0 = time.time() - start          # wall clock = wall0 + monotonic, to line up with the journal
    end = start + seconds
    sent_at = []
    got = {}
    nxt = start
    def drain():
        try:
            while True:
                data, _ = s.recvfrom(64)
                seq, _t = struct.unpack("!Id", data)
                got.setdefault(seq, wall0 + time.monotonic())
        except BlockingIOError:
            pass
    while True:
        now = time.monotonic()
        if now >= end or stop():
            end = min(end, now)
            break
        if now >= nxt:
            try:
                s.sendto(struct.pack("!Id", len(sent_at), now), (ip, port))
            except OSError:
                pass  # sent from the host under test while its storage IP is gone: a lost probe
            sent_at.append(wall0 + now)
            nxt += 0.001
        drain()
        time.sleep(0.0002)
    time.sleep(0.2)
    drain()
    print(json.dumps({"start": wall0 + start, "end": wall0 + end, "sent_at": sent_at, "recv_at": got}))

def tcp_server(port):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("0.0.0.0", port))
    srv.listen(1)
    conn, _ = srv.accept()
    while True:
        data = conn.recv(4096)
        if not data:
            return
        conn.sendall(data)

def tcp_client(ip, port, seconds, stop=Stop(None), ready=None):
    # Connect within a deadline (a loaded guest's peer may not listen yet), then say so in READY: the change waits for it.
    deadline = time.monotonic() + 60
    while True:
        try:
            c = socket.create_connection((ip, port), timeout=5)
            break
        except OSError as e:
            if time.monotonic() > deadline or stop():
                print(json.dumps({"tcp": "failed: no connection: " + str(e)}))
                return
            time.sleep(0.2)
    if ready:
        open(ready, "w").close()
    c.settimeout(max(1.0, seconds))
    end = time.monotonic() + seconds
    result = {"tcp": "held open"}
    try:
        while time.monotonic() < end and not stop():
            c.sendall(b"x")
            if c.recv(1) != b"x":
                result = {"tcp": "closed by peer"}
                break
            time.sleep(0.01)
    except ConnectionResetError:
        result = {"tcp": "reset"}
    except OSError as e:
        result = {"tcp": "failed: " + str(e)}
    print(json.dumps(result))

if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "echo":
        echo(int(sys.argv[2]))
    elif cmd == "stream":
        stream(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), Stop(sys.argv[5] if len(sys.argv) > 5 else None))
    elif cmd == "tcp-server":
        tcp_server(int(sys.argv[2]))
    elif cmd == "tcp-client":
        tcp_client(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), Stop(sys.argv[5] if len(sys.argv) > 5 else None),
               sys.argv[6] if len(sys.argv) > 6 else None)
