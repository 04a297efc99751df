package org.networktool.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimingsTest {
    @Test
    void spansNestAndAreReportedInTheOrderTheyStarted() throws Exception {
        Timings.clear();
        try (var outer = Timings.start("read host")) {
            try (var a = Timings.start("ip -j addr show")) {
                Thread.sleep(5);
            }
            try (var b = Timings.start("ovs-appctl bond/show")) {
                Thread.sleep(5);
            }
        }
        try (var next = Timings.start("plan")) {
            Thread.sleep(1);
        }
        List<Timings.Span> spans = Timings.spans();
        assertEquals(List.of("read host", "ip -j addr show", "ovs-appctl bond/show", "plan"), spans.stream().map(Timings.Span::phase).toList());
        assertEquals(List.of(0, 1, 1, 0), spans.stream().map(Timings.Span::depth).toList());
        assertTrue(spans.get(0).nanos() >= spans.get(1).nanos() + spans.get(2).nanos(), "the outer span holds its parts: " + spans);
        String[] lines = Timings.report().split("\n");
        assertTrue(lines[0].startsWith("  read host ") && lines[1].startsWith("    ip -j addr show ") && lines[3].startsWith("  plan "),
                Timings.report());
        assertTrue(lines[1].trim().matches("ip -j addr show +\\d+\\.\\d ms"), lines[1]);
        Timings.clear();
        assertEquals(List.of(), Timings.spans());
    }
}
