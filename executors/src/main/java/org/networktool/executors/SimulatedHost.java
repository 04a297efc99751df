package org.networktool.executors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.networktool.layout.ErrorKind;
import org.networktool.layout.HostLayout;
import org.networktool.layout.LayoutCodec;
import org.networktool.layout.NetworkToolException;
import org.networktool.planners.Command;
import org.networktool.planners.sim.HostSimulator;
import org.networktool.planners.sim.SimulationException;

/**
 * A practice host kept in a YAML layout file: commands run on the model host and the new state is
 * written back (atomically) after each, with every command appended to {@code FILE.log}. Survives
 * the process that uses it, so a crash and a later rollback see the same host. For training,
 * demos and tests; never touches the real network.
 */
public final class SimulatedHost implements CommandRunner, HostReader {
    private final Path file;

    public SimulatedHost(Path file) {
        this.file = file;
        if (!Files.isRegularFile(file)) {
            throw NetworkToolException.invalidInput("--simulated-host " + file + ": no such file (write one with `inspect -o yaml`)");
        }
    }

    @Override
    public HostLayout read() {
        try {
            return LayoutCodec.readLayout(Files.readString(file), "--simulated-host " + file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw NetworkToolException.invalidInput("--simulated-host " + file + ": not UTF-8 text; write one with `inspect -o yaml`");
        } catch (IOException e) {
            throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "cannot read the simulated host " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized CommandOutcome run(Command command) {
        long t0 = System.nanoTime();
        HostSimulator sim = new HostSimulator(read());
        int exit = 0;
        String out = "";
        try {
            sim.run(command);
        } catch (SimulationException e) {
            exit = 1;
            out = e.getMessage();
        }
        try {
            if (exit == 0) {
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, LayoutCodec.toYaml(sim.layout()));
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(file.resolveSibling(file.getFileName() + ".log"), (exit == 0 ? "ok   " : "FAIL ") + command.display()
                    .replace("\n", "\\n") + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new NetworkToolException(ErrorKind.OPERATION_FAILED, "cannot save the simulated host " + file + ": " + e.getMessage(), e);
        }
        return new CommandOutcome(exit, out, (System.nanoTime() - t0) / 1_000_000);
    }

}
