package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every parser of captured, journaled or given data, fed mutated real inputs (every sample's files, a practice run's
 * journal, the target samples): whatever it reads, the tool answers within its contract — exit 0, or a documented
 * code with one line — and never an internal error, a Java class name or a raw control character (issue 20).
 * The seed is fixed; before landing a parser change, run with other seeds (about 5,000 tries with random seeds were clean
 * when this suite landed).
 */
class ParserFuzzTest {
    private static final List<String> SAMPLES = List.of("ab-hwroce", "lacp-roce-lag", "migrated-ovs", "degraded", "softroce",
            "real-kernel-ab-rxe");
    /** CI runs the same inputs every time (a red build names a bug, not luck); change it to explore other inputs. */
    private static final String SEED = "20261205";
    private static final Set<Integer> DOCUMENTED = Set.of(0, 1, 2, 3, 4, 5);
    private static Path work;
    private static Path journalState;

    @BeforeContainer
    static void practiceRun() throws Exception {
        work = Files.createTempDirectory("parser-fuzz");
        journalState = work.resolve("state");
        Path host = Child.writeHost(work, "host.yaml", Child.practiceHost("ab-hwroce"));
        Run up = Run.of("upgrade", "--simulated-host", host.toString(), "--state-dir", journalState.toString(), "--yes",
                "--confirm-timeout", "0");
        assertEquals(0, up.exitCode(), up.err());
    }

    @AfterContainer
    static void clean() throws IOException {
        SampleCopy.delete(work);
    }

    /** A sample's file, as {@code SAMPLE/relative/path}. */
    private static Arbitrary<String> sampleFiles(String under) {
        List<String> files = new ArrayList<>();
        for (String s : SAMPLES) {
            Path root = Path.of("..", "samples", s);
            try (Stream<Path> all = Files.walk(root.resolve(under))) {
                all.filter(Files::isRegularFile).forEach(p -> files.add(s + "/" + root.relativize(p)));
            } catch (IOException e) {
                // a sample without that folder
            }
        }
        return Arbitraries.of(files);
    }

    @Provide
    Arbitrary<String> commandFiles() {
        return sampleFiles("commands");
    }

    @Provide
    Arbitrary<String> kernelFiles() {
        return Arbitraries.oneOf(sampleFiles("sys"), sampleFiles("proc"));
    }

    @Provide
    Arbitrary<String> configFiles() {
        return sampleFiles("etc");
    }

    /** A fresh copy of the sample with one of its files mutated. */
    private static Path spoiled(String sampleFile, Random r) throws Exception {
        String sample = sampleFile.substring(0, sampleFile.indexOf('/'));
        Path root = SampleCopy.of(sample, Files.createTempDirectory(work, sample));
        Path target = root.resolve(sampleFile.substring(sample.length() + 1));
        Files.write(target, mutated(target, r));
        return root;
    }

    private static byte[] mutated(Path file, Random r) throws Exception {
        String name = file.getFileName().toString();
        String text = Files.readString(file);
        if (r.nextBoolean() && name.endsWith(".json")) {
            return Mutator.json(text, r).getBytes(StandardCharsets.UTF_8);
        }
        if (r.nextBoolean() && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
            return Mutator.yaml(text, r).getBytes(StandardCharsets.UTF_8);
        }
        return Mutator.bytes(Files.readAllBytes(file), r);
    }

    /** Runs the tool and checks the contract it keeps whatever it was given; an internal error is shown with --debug's trace. */
    static Run keepsTheContract(String what, String... argv) {
        Run r = Run.of(argv);
        String all = r.out() + r.err();
        if (r.err().contains("internal error")) {
            String[] debug = Stream.concat(Stream.of(argv), Stream.of("--debug")).toArray(String[]::new);
            throw new AssertionError(what + ":\n" + r.err() + Run.of(debug).err());
        }
        assertTrue(DOCUMENTED.contains(r.exitCode()), what + ": exit " + r.exitCode() + "\n" + r.err());
        assertFalse(all.matches("(?s).*\\b(java|com\\.fasterxml|org\\.yaml)\\.[a-z]+\\.[A-Za-z.]*(Exception|Error)\\b.*"),
                what + ": a Java class in the output:\n" + all);
        assertFalse(all.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t'), what + ": a raw control character:\n" + all);
        // Bad input: nothing ran, so stderr holds only messages, each one line (several problems of one input may each
        // have theirs), never a trace or a continuation. Other outcomes print progress there too.
        if (r.exitCode() == ExitCodes.USAGE) {
            assertTrue(r.err().lines().allMatch(l -> l.startsWith("network-tool")), what + ": a message past its line:\n" + r.err());
        }
        return r;
    }

    @Property(tries = 150, seed = SEED)
    void capturedCommandOutput(@ForAll("commandFiles") String file, @ForAll Random r) throws Exception {
        Path root = spoiled(file, r);
        Run run = keepsTheContract(file, "inspect", "--root", root.toString(), "-o", r.nextBoolean() ? "json" : "text");
        assertEquals(0, run.exitCode(), file + ": a capture's bad output is a warning\n" + run.err());
    }

    @Property(tries = 150, seed = SEED)
    void capturedSysfsAndProc(@ForAll("kernelFiles") String file, @ForAll Random r) throws Exception {
        Path root = spoiled(file, r);
        Run run = keepsTheContract(file, "inspect", "--root", root.toString(), "-o", r.nextBoolean() ? "json" : "text");
        assertEquals(0, run.exitCode(), file + ": a capture's bad file is a warning\n" + run.err());
    }

    @Property(tries = 100, seed = SEED)
    void configurationFiles(@ForAll("configFiles") String file, @ForAll Random r) throws Exception {
        Path root = spoiled(file, r);
        keepsTheContract(file, "plan", "--root", root.toString());
    }

    @Property(tries = 100, seed = SEED)
    void journals(@ForAll Random r) throws Exception {
        Path state = Files.createTempDirectory(work, "state");
        Path runs = Files.createDirectories(state.resolve("runs"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path journal;
        try (Stream<Path> s = Files.list(journalState.resolve("runs"))) {
            journal = s.filter(p -> p.toString().endsWith(".journal")).findFirst().orElseThrow();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        int i = r.nextInt(lines.size());
        String[] f = lines.get(i).split(" ", 3);
        if (r.nextInt(4) == 0) {
            lines.set(i, new String(Mutator.bytes(lines.get(i).getBytes(StandardCharsets.UTF_8), r), StandardCharsets.UTF_8));
        } else { // a record whose checksum holds: past the check, into the code that uses it
            String json = Mutator.json(f[2], r);
            lines.set(i, JournalLines.resummed(lines.get(i), json));
        }
        Path copy = runs.resolve(journal.getFileName());
        Files.write(copy, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        String id = journal.getFileName().toString().replace(".journal", "");
        String what = "journal record " + (i + 1) + ": " + lines.get(i).substring(0, Math.min(200, lines.get(i).length()));
        keepsTheContract(what, "journal", "list", "--state-dir", state.toString());
        keepsTheContract(what, "journal", "show", id, "--state-dir", state.toString());
        Path host = Child.writeHost(state, "host.yaml", Child.practiceHost("ab-hwroce"));
        keepsTheContract(what, "rollback", id, "--simulated-host", host.toString(), "--state-dir", state.toString());
    }

    @Property(tries = 100, seed = SEED)
    void targetFiles(@ForAll("targets") String target, @ForAll Random r) throws Exception {
        Path file = Files.createTempFile(work, "target", ".yaml");
        Files.write(file, mutated(Path.of("..", "samples", "targets", target), r));
        keepsTheContract(target, "plan", "--sample", "ab-hwroce", "--target", file.toString());
    }

    @Provide
    Arbitrary<String> targets() {
        return Arbitraries.of("active-backup.yaml", "balance-tcp.yaml");
    }

    @Property(tries = 100, seed = SEED)
    void practiceHosts(@ForAll("practiceSamples") String sample, @ForAll Random r) throws Exception {
        Path file = Child.writeHost(Files.createTempDirectory(work, "host"), "host.yaml", Child.practiceHost(sample));
        Files.write(file, mutated(file, r));
        keepsTheContract(sample, "plan", "--simulated-host", file.toString());
    }

    @Provide
    Arbitrary<String> practiceSamples() {
        return Arbitraries.of("ab-hwroce", "lacp-roce-lag", "softroce", "degraded");
    }

    @Property(tries = 60, seed = SEED)
    void nicMaps(@ForAll Random r) throws Exception {
        Path file = Files.createTempFile(work, "nic-map", "");
        Files.write(file, Mutator.bytes("# port NIC\nens1f0 lab:nic1\nens1f1 lab:nic1\nens2f0 lab:nic2\n".getBytes(StandardCharsets.UTF_8), r));
        keepsTheContract("nic map", "inspect", "--sample", "ab-hwroce", "--nic-map", file.toString());
    }
}
