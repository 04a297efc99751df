package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The man pages in man/ are what the code's command model generates (man/adoc) and what
 * asciidoctor renders of them (man/man1). Out of date → this fails, naming the command that updates
 * them ({@code -Dman.update=true}). The rendering needs asciidoctor (lab/install-deps installs it).
 */
class ManPagesTest {
    private static final Path MAN = Path.of("..", "man").toAbsolutePath().normalize();
    private static final String UPDATE = "out of date with the code: run mvn -B -pl cli -am test -Dtest=ManPagesTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dman.update=true";

    @Test
    void asciiDocPagesMatchTheCommands(@TempDir Path tmp) throws Exception {
        int rc = ManPageGenerator.generateManPage(tmp.toFile(), null, new boolean[0], false,
                CommandLineFactory.create().getCommandSpec());
        assertEquals(0, rc, "picocli's man page generator failed");
        if (Boolean.getBoolean("man.update")) {
            replace(tmp, MAN.resolve("adoc"), ".adoc");
            render(MAN.resolve("man1"));
        }
        assertEquals(files(tmp, ".adoc"), files(MAN.resolve("adoc"), ".adoc"), "man/adoc " + UPDATE);
    }

    @Test
    void troffPagesAreRenderedFromTheAsciiDoc(@TempDir Path tmp) throws Exception {
        render(tmp);
        assertEquals(files(tmp, ".1"), files(MAN.resolve("man1"), ".1"), "man/man1 " + UPDATE);
    }

    @Test
    void everyVisibleCommandHasAPage() throws Exception {
        List<String> expected = new java.util.ArrayList<>();
        pages(CommandLineFactory.create(), "network-tool", expected);
        List<String> pages = files(MAN.resolve("man1"), ".1").keySet().stream().map(n -> n.replace(".1", "")).sorted().toList();
        assertEquals(expected.stream().sorted().toList(), pages);
    }

    /** The page names of a command and its visible subcommands, nested ones too (network-tool-journal-show). */
    private static void pages(picocli.CommandLine cl, String name, List<String> into) {
        into.add(name);
        cl.getSubcommands().forEach((sub, c) -> {
            // Aliases map to the same command: one page, under its own name.
            if (!c.getCommandSpec().usageMessage().hidden() && sub.equals(c.getCommandName())) {
                pages(c, name + "-" + sub, into);
            }
        });
    }

    private static void render(Path dest) throws Exception {
        Lab.Result r = Lab.exec(List.of("bash", MAN.resolve("render").toString(), dest.toString()), Map.of(), 120);
        assertEquals(0, r.code(), r.err() + r.out());
    }

    private static void replace(Path from, Path to, String ext) throws IOException {
        Files.createDirectories(to);
        for (String name : files(to, ext).keySet()) {
            Files.delete(to.resolve(name));
        }
        for (String name : files(from, ext).keySet()) {
            Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Map<String, String> files(Path dir, String ext) throws IOException {
        Map<String, String> m = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return m;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(ext)).toList()) {
                m.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return m;
    }
}
