package org.networktool.verbscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rebuild thread keeps the session with the responder alive while every rebuild fails on this end alone (nothing is
 * sent for those), and survives a rebuild that throws. The responder ends a session silent for 30 s: tier 2 saw a stream
 * die that way 30 s into an upgrade.
 */
class LaneRebuilderTest {
    @Test
    void saysAliveWhileRebuildsFailOnThisEndAlone() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()); Socket checker = new Socket()) {
            checker.connect(server.getLocalSocketAddress());
            try (Socket responder = server.accept()) {
                responder.setSoTimeout(10_000);
                // No RDMA here: finding the lane's path throws, as a rebuild that cannot even start.
                ProbeClient client = new ProbeClient(null, ClusterKey.of("a cluster key long enough"), 1000);
                StreamClient.LanePath lane = new StreamClient.LanePath("ens1f0 > peer", new RocePath("mlx5_0", 1, 3, "192.0.2.1", 3), null, 0);
                LaneRebuilder r = new LaneRebuilder(client, StreamSettings.defaults(), new ProbeWire(checker), new String[] {"a", "b"},
                        new ProbePeer("192.0.2.2", 18516), List.of(lane), new RdmaContexts(null), 200_000_000L);
                for (int i = 0; i < 1000; i++) {
                    r.requests.add(0); // the stream asks again after every failed rebuild: there is always one waiting
                }
                r.start();
                BufferedReader in = new BufferedReader(new InputStreamReader(responder.getInputStream(), StandardCharsets.US_ASCII));
                List<String> heard = new ArrayList<>();
                long deadline = System.nanoTime() + 8_000_000_000L;
                int answered = 0;
                while (heard.size() < 3 && System.nanoTime() < deadline) {
                    heard.add(in.readLine());
                    for (Object[] x; (x = r.results.poll()) != null;) {
                        answered++;
                        assertTrue(x[1] instanceof String && ((String) x[1]).startsWith("rebuild failed"), String.valueOf(x[1]));
                    }
                }
                r.finish();
                assertEquals(List.of("ALIVE", "ALIVE", "ALIVE"), heard, "the responder heard from the checker while rebuilds failed");
                assertTrue(answered >= 1, "each failed rebuild is answered, the thread lives on");
            }
        }
    }
}
