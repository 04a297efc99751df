package org.networktool.executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashSet;
import java.util.Set;
import org.networktool.verbscheck.DownPorts;

/**
 * The map {@code watch} publishes, followed by a stream: the RDMA ports of every member the map says is not enabled
 * (its link went, OVS disabled it). Read again only when the file changes (watch replaces it atomically); a file that is
 * missing or cannot be read keeps the last answer, since a map that cannot be read says nothing about the paths.
 */
public final class PublishedMap implements DownPorts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private FileTime seen;
    private Set<String> down = Set.of();

    public PublishedMap(Path file) {
        this.file = file;
    }

    @Override
    public synchronized Set<String> now() {
        try {
            FileTime t = Files.getLastModifiedTime(file);
            if (!t.equals(seen)) {
                down = downPorts(JSON.readTree(Files.readAllBytes(file)));
                seen = t;
            }
        } catch (IOException | RuntimeException e) {
            // keep the last answer
        }
        return down;
    }

    /** The ports ("device/port") of members not enabled in a network-tool/rdma-paths/v1 document. */
    static Set<String> downPorts(JsonNode doc) throws IOException {
        if (doc == null || !"network-tool/rdma-paths/v1".equals(doc.path("schema").asText())) {
            throw new IOException("not a network-tool/rdma-paths/v1 map");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode m : doc.path("paths").path("members")) {
            if (m.path("enabled").asBoolean(true)) {
                continue;
            }
            JsonNode own = m.path("own");
            if (own.hasNonNull("device")) {
                out.add(own.path("device").asText() + "/" + own.path("port").asInt(1));
            }
            for (JsonNode e : m.path("rdma")) {
                out.add(e.path("device").asText() + "/" + e.path("port").asInt(1));
            }
        }
        return Set.copyOf(out);
    }
}
