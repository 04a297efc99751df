package org.networktool.verbscheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The probe exchange on TCP: one line of ASCII per message, at most {@link #MAX_LINE} bytes.
 * <pre>
 * C: NTPROBE/1 HELLO nonceC
 * S: NTPROBE/1 CHALLENGE nonceS mac("S1", nonceC, nonceS)
 * C: VERBS mac("C1", nonceC, nonceS, request) request        (iterations=N size=S qpn= psn= gid= mtu= [at=GID] [label=FLOW_LABEL])
 * S: READY mac("S2", nonceC, nonceS, reply) reply            (qpn= psn= gid= mtu=), or ERROR text
 * </pre>
 * then the RC ping-pong over RDMA ({@code at}: the responder's GID to answer on, one of those it
 * advertises; without it, the RoCE v2 GID of the address the exchange reached). Or, instead of VERBS:
 * <pre>
 * C: PATHS mac("C1", nonceC, nonceS, "list") list
 * S: PATHS mac("S2", nonceC, nonceS, reply) reply            (path=device,port,gidIndex,gid,mac,netdev ...)
 * </pre>
 * Or a flow-label probe: one queue pair per flow label, each echoed {@code rounds} times (see {@link FlowSet}):
 * <pre>
 * C: FLOWS mac("C1", nonceC, nonceS, request) request        (rounds=R roundms=MS at=GID gid= mtu= flows=QPN.PSN.LABEL,...)
 * S: FLOWS mac("S2", nonceC, nonceS, reply) reply            (gid= mtu= flows=QPN.PSN.LABEL,... in the same order)
 * C: DONE                                                    (after its rounds)
 * S: DONE mac("S3", nonceC, nonceS, counts) counts           (received=N,N,...: messages each queue pair received)
 * </pre>
 * Or a stream ({@link MultipathStream}): one queue pair per lane ({@link StreamWire}), echoed until DONE, lanes rebuilt
 * while it runs; the n-th message after STREAM is signed with role Cn (the responder's answer: Sn), n from 2:
 * <pre>
 * C: STREAM mac("C1", nonceC, nonceS, request) request      (window=W lane=... ...)
 * S: STREAM mac("S2", nonceC, nonceS, reply) reply          (window=W lane=... or down=IDX, per lane)
 * C: REBUILD mac("Cn", ...) lane=...                         S: REBUILT mac("Sn", ...) lane=... or down=IDX
 * C: ALIVE                                                   (when nothing else was sent for 5 s; 30 s of silence ends it)
 * C: DONE mac("Cn", ...) done                                S: DONE mac("Sn", ...) delivered=N duplicates=N refused=N
 * </pre>
 */
final class ProbeWire {
    static final String VERSION = "NTPROBE/1";
    /** Room for 40 advertised paths; still a bound on what a peer can make this end hold. */
    static final int MAX_LINE = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    ProbeWire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static String nonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Whether the peer has sent something not read yet (a checker's DONE while the responder echoes). */
    boolean hasInput() {
        try {
            return in.available() > 0;
        } catch (IOException e) {
            return true; // broken: the read that follows says so
        }
    }

    /** One line, without its newline; a longer line or a closed connection is a protocol error. */
    String receive(int timeoutMs) throws IOException, VerbsException {
        socket.setSoTimeout(timeoutMs);
        StringBuilder s = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new VerbsException(VerbsFailure.PROTOCOL, "the peer closed the probe connection"
                        + (s.length() == 0 ? "" : " mid-message"));
            }
            if (c == '\n') {
                return s.toString();
            }
            if (c < 0x20 || c > 0x7e || s.length() >= MAX_LINE) {
                throw new VerbsException(VerbsFailure.PROTOCOL, "the peer sent a malformed probe message");
            }
            s.append((char) c);
        }
    }

    /** The {@code key=value} fields of a message body; other words are ignored. */
    static java.util.Map<String, String> fields(String body) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String kv : body.strip().split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return m;
    }

    /** Every {@code key=value} field of a body in order, repeated keys kept. */
    static java.util.List<java.util.Map.Entry<String, String>> fieldList(String body) {
        java.util.List<java.util.Map.Entry<String, String>> l = new java.util.ArrayList<>();
        for (String kv : body.strip().split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                l.add(java.util.Map.entry(kv.substring(0, eq), kv.substring(eq + 1)));
            }
        }
        return l;
    }

    /** The fields of a message that must start with {@code head} and have {@code n} fields. */
    static String[] expect(String line, String head, int n) throws VerbsException {
        if (line.startsWith("ERROR ")) {
            throw new VerbsException(VerbsFailure.PROTOCOL, "the peer refused: " + line.substring(6));
        }
        String[] f = line.split(" ", n);
        if (f.length != n || !f[0].equals(head.split(" ")[0]) || (head.contains(" ") && !line.startsWith(head + " "))) {
            throw new VerbsException(VerbsFailure.PROTOCOL, "unexpected probe message (is the peer running network-tool probe serve?)");
        }
        return f;
    }
}
