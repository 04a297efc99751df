package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's first command, as a user runs it: the launcher, from another directory, on the packaged jar. */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "network-tool").toAbsolutePath().normalize();

    private record Result(int code, String out, String err) {
    }

    private static Result launch(String... args) throws Exception {
        return launch(java.util.Map.of(), args);
    }

    private static Result launch(java.util.Map<String, String> env, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("bash", LAUNCHER.toString()));
        argv.addAll(List.of(args));
        Path outFile = java.nio.file.Files.createTempFile("nt-out", ".txt");
        Path errFile = java.nio.file.Files.createTempFile("nt-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        Process p = pb.directory(Path.of(System.getProperty("java.io.tmpdir")).toFile())
                .redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher timed out");
        return new Result(p.exitValue(), java.nio.file.Files.readString(outFile), java.nio.file.Files.readString(errFile));
    }

    @Test
    void inspectsASampleFromAnyDirectory() throws Exception {
        Result r = launch("inspect", "--sample", "ab-hwroce");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("RISK bond0: both members on NIC 0000:3b:00"), r.out());
        assertEquals("", r.err(), "the jar is current after package: no rebuild message expected");
    }

    /** -Xshare:on: a JVM whose class-data archive does not fit refuses to start, so this passes only when it is used. */
    @Test
    void startsWithTheClassDataArchiveTheBuildMade() throws Exception {
        Result r = launch(java.util.Map.of("NETWORK_TOOL_JAVA_OPTS", "-Xshare:on"), "--version");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("", r.err(), "the archive is current after package: no remake expected");
        assertTrue(java.nio.file.Files.isRegularFile(LAUNCHER.resolveSibling("cli/target/network-tool.jsa")));

        // Every class a plan loads comes from the archive: none is read, parsed and verified from the jar at start
        // (a library built for Java 5 would be, unless the build retargets it: packaging/Retarget.java).
        java.nio.file.Path log = java.nio.file.Files.createTempFile("nt-classes", ".txt");
        Result plan = launch(java.util.Map.of("NETWORK_TOOL_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "plan", "--sample", "ab-hwroce");
        assertEquals(0, plan.code(), plan.err());
        List<String> fromJar = java.nio.file.Files.readAllLines(log).stream().filter(l -> l.contains("source: file:")).toList();
        assertEquals(List.of(), fromJar, "classes loaded from the jar, not the archive");
    }

    @Test
    void badInputThroughTheLauncher() throws Exception {
        Result r = launch("inspect", "--sample", "nosuch");
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("network-tool: --sample nosuch: no such sample; choose one of [ab-hwroce"), r.err());
    }
}
