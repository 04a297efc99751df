package org.networktool.rollback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.NetworkToolException;

/** Where runs are journaled: {@code DIR/runs/RUN.journal}, and the per-host lock {@code DIR/lock}. */
public record StateDir(Path dir) {
    public static final Path DEFAULT = Path.of("/var/lib/network-tool");

    public Path runs() {
        return dir.resolve("runs");
    }

    public Path lockFile() {
        return dir.resolve("lock");
    }

    public Path journal(String runId) {
        if (!runId.matches("[0-9A-Za-z._-]+")) {
            throw NetworkToolException.invalidInput("'" + runId + "' is not a run id: `network-tool journal list` shows them");
        }
        return runs().resolve(runId + ".journal");
    }

    public void ensure() {
        try {
            Files.createDirectories(runs(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "cannot create the state directory " + runs() + ": "
                    + e.getMessage() + " (run as root, or give --state-dir)", e);
        }
    }

    /** A new, sortable run id. */
    public String newRunId() {
        String base = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String id = base;
        for (int i = 2; Files.exists(journal(id)); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    /** Run ids, oldest first. */
    public List<String> runIds() {
        if (!Files.isDirectory(runs())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".journal"))
                    .map(n -> n.substring(0, n.length() - ".journal".length())).sorted().toList();
        } catch (IOException e) {
            throw NetworkToolException.invalidInput("cannot list " + runs() + ": " + e.getMessage());
        }
    }
}
