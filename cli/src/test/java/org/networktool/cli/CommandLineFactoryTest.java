package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line main builds for its arguments: the named command alone, or everything when none is named. */
class CommandLineFactoryTest {
    private static Set<String> built(String... args) {
        return CommandLineFactory.forArgs(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())).getSubcommands().keySet();
    }

    @Test
    void aNamedCommandIsBuiltAloneAndEverythingElseGetsTheWholeTree() {
        assertEquals(Set.of("plan"), built("plan", "--sample", "ab-hwroce"));
        assertEquals(Set.of("plan"), built("--debug", "--timings", "plan", "--help"));
        assertTrue(built("journal", "list").contains("journal") && built("journal", "list").size() == 1);
        assertEquals(Set.of(), built("--version"));
        Run version = Run.of("--version");
        assertEquals(0, version.exitCode(), version.err());
        assertTrue(version.out().startsWith("network-tool "), version.out());
        Set<String> all = CommandLineFactory.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())).getSubcommands().keySet();
        assertTrue(all.size() > 10 && all.contains("generate-completion") && all.contains("help"), all.toString());
        for (List<String> args : List.<List<String>>of(List.of(), List.of("--help"), List.of("help", "plan"), List.of("pln"), List.of("generate-completion"))) {
            assertEquals(all, built(args.toArray(String[]::new)), args.toString());
        }
    }

    @Test
    void aCommandBuiltAloneSaysTheSameAsInTheWholeTree() {
        for (String command : List.of("plan", "upgrade", "journal", "verbs-check")) {
            StringWriter alone = new StringWriter();
            CommandLine one = CommandLineFactory.forArgs(new String[] {command, "--help"}, new PrintWriter(alone, true), new PrintWriter(new StringWriter()));
            assertEquals(0, one.execute(command, "--help"));
            StringWriter whole = new StringWriter();
            CommandLine all = CommandLineFactory.create(new PrintWriter(whole, true), new PrintWriter(new StringWriter()));
            assertEquals(0, all.execute(command, "--help"));
            assertEquals(whole.toString(), alone.toString(), command);
        }
        Run mistyped = Run.of("pln", "--sample", "ab-hwroce");
        assertEquals(2, mistyped.exitCode());
        assertTrue(mistyped.err().contains("plan"), "a mistyped command is still told the commands there are: " + mistyped.err());
    }

    /** Every command's --help lists each option once (picocli 4.7.6 listed a mixin's argument group twice: issue 17). */
    @Test
    void helpListsEachOptionOnce() {
        CommandLine all = CommandLineFactory.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        for (var e : all.getSubcommands().entrySet()) {
            String help = e.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
            // The option list's lines start with the option a few columns in; the synopsis wraps far deeper.
            java.util.Map<String, Long> listed = help.lines().filter(l -> l.matches(" {2,6}(-\\w, )?--[\\w-]+.*")).map(String::strip)
                    .map(l -> l.replaceFirst("^-\\w, ", "").split("[= ]")[0])
                    .collect(java.util.stream.Collectors.groupingBy(o -> o, java.util.stream.Collectors.counting()));
            listed.forEach((option, n) -> assertEquals(1L, n, e.getKey() + " --help lists " + option + " " + n + " times:\n" + help));
            assertTrue(!listed.isEmpty() || e.getKey().equals("help"), e.getKey() + ": " + help);
        }
    }
}
