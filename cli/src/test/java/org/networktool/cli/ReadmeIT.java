package org.networktool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README as a newcomer follows it: every ```sh block runs (from the repository root, in order,
 * with bash -e) and must succeed; every ```text block that starts with "$ COMMAND" runs COMMAND
 * and must print the lines shown (up to a "..." line), timings and run ids aside. A block after an
 * HTML comment starting "<!-- not run" is skipped, and the comment says why. With
 * -Dreadme.update=true the shown output is replaced by what the commands print now.
 */
class ReadmeIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path README = ROOT.resolve("README.md");

    record Block(String lang, int start, int end, boolean skipped) {
    }

    @Test
    void everyCommandInTheReadmeRunsAndPrintsWhatItSays() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(README));
        List<String> failures = new ArrayList<>();
        int ran = 0;
        // Backwards, so that an update can change a block's length without moving the ones before it.
        List<Block> blocks = blocks(lines);
        List<String[]> results = new ArrayList<>();
        for (Block b : blocks) {
            if (b.skipped()) {
                results.add(null);
                continue;
            }
            List<String> body = lines.subList(b.start() + 1, b.end());
            if (b.lang().equals("sh")) {
                Lab.Result r = run(String.join("\n", body), true);
                ran++;
                if (r.code() != 0) {
                    failures.add("README line " + (b.start() + 1) + ": the sh block exited " + r.code() + ":\n" + r.out() + r.err());
                }
                results.add(null);
            } else if (b.lang().equals("text") && !body.isEmpty() && body.get(0).startsWith("$ ")) {
                Lab.Result r = run("( " + body.get(0).substring(2) + " ) 2>&1", false);
                ran++;
                results.add(new String[] {r.out()});
                List<String> shown = shownLines(body);
                List<String> actual = r.out().lines().toList();
                List<String> head = actual.subList(0, Math.min(shown.size(), actual.size()));
                if (!normalize(shown).equals(normalize(head)) && !Boolean.getBoolean("readme.update")) {
                    failures.add("README line " + (b.start() + 1) + ": `" + body.get(0).substring(2) + "` printed:\n"
                            + String.join("\n", head) + "\nbut the README shows:\n" + String.join("\n", shown));
                }
            } else {
                results.add(null);
            }
        }
        if (Boolean.getBoolean("readme.update")) {
            for (int i = blocks.size() - 1; i >= 0; i--) {
                Block b = blocks.get(i);
                if (results.get(i) == null) {
                    continue;
                }
                List<String> body = lines.subList(b.start() + 1, b.end());
                // A block cut with "..." keeps as many lines as it shows; a new block ("$ cmd" then "...") gets them all.
                boolean cut = body.contains("...") && !shownLines(body).isEmpty();
                int keep = cut ? shownLines(body).size() : Integer.MAX_VALUE;
                List<String> fresh = new ArrayList<>();
                fresh.add(body.get(0));
                results.get(i)[0].lines().limit(keep).forEach(fresh::add);
                if (cut) {
                    fresh.add("...");
                }
                body.clear();
                body.addAll(fresh);
            }
            Files.write(README, lines);
        }
        System.out.printf("README: %d blocks run%n", ran);
        assertEquals(List.of(), failures);
    }

    private static List<String> shownLines(List<String> body) {
        List<String> shown = new ArrayList<>();
        for (String l : body.subList(1, body.size())) {
            if (l.equals("...")) {
                break;
            }
            shown.add(l);
        }
        return shown;
    }

    /** Timings, run ids and times change from run to run; the rest must match. */
    private static List<String> normalize(List<String> lines) {
        return lines.stream().map(l -> l.replaceAll("\\d+\\.\\d+ s\\b", "N s").replaceAll("\\d{8}-\\d{6}(-\\d+)?", "RUN")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "TIME").replaceAll("\\s+$", "")).toList();
    }

    private static List<Block> blocks(List<String> lines) {
        List<Block> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("```") && l.length() > 3) {
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).equals("```")) {
                    end++;
                }
                boolean skipped = i > 0 && lines.get(i - 1).startsWith("<!-- not run");
                found.add(new Block(l.substring(3).strip(), i, end, skipped));
                i = end;
            }
        }
        return found;
    }

    /** From the repository root; a sh block stops at its first failing line, a shown command runs as typed. */
    private static Lab.Result run(String script, boolean stopOnError) throws Exception {
        return Lab.exec(List.of("bash", stopOnError ? "-ec" : "-c", "cd " + ROOT + " && " + script), Map.of("LANG", "C.UTF-8"), 300);
    }
}
