package org.networktool.verbscheck;

import org.networktool.layout.ErrorKind;
import org.networktool.layout.NetworkToolException;

/** A probe responder's address, {@code HOST[:PORT]}; IPv6 literals in brackets. */
public record ProbePeer(String host, int port) {
    /** The port {@code network-tool probe serve} listens on unless told: next to ibv_rc_pingpong's 18515. */
    public static final int DEFAULT_PORT = 18516;

    public static ProbePeer parse(String s) {
        String host = s;
        int port = DEFAULT_PORT;
        int colon = s.lastIndexOf(':');
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            host = close < 0 ? "" : s.substring(1, close);
            if (close >= 0 && s.length() > close + 1) {
                port = portOf(s, s.substring(close + 1).replaceFirst("^:", ""));
            }
        } else if (colon >= 0 && s.indexOf(':') == colon) {
            host = s.substring(0, colon);
            port = portOf(s, s.substring(colon + 1));
        }
        if (host.isBlank() || !host.matches("[A-Za-z0-9.:%_-]+")) {
            throw new NetworkToolException(ErrorKind.INVALID_INPUT, "bad peer '" + s + "': give HOST or HOST:PORT, e.g. 192.0.2.2 or 192.0.2.2:"
                    + DEFAULT_PORT);
        }
        return new ProbePeer(host, port);
    }

    private static int portOf(String s, String p) {
        try {
            int port = Integer.parseInt(p);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new NetworkToolException(ErrorKind.INVALID_INPUT, "bad port in peer '" + s + "': give a number from 1 to 65535");
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
