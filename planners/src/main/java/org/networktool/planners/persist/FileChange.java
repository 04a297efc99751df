package org.networktool.planners.persist;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;
import org.networktool.layout.config.ConfigFile;
import org.networktool.layout.config.NetworkConfig;
import org.networktool.planners.Command;
import org.networktool.planners.FileWrite;

/**
 * One configuration file the migration changes: its content before (null: it did not exist) and
 * after (null: it is removed), with permission bits. The forward write and the byte-for-byte undo
 * both come from here; {@code diff} is what `plan` shows.
 */
@JsonPropertyOrder({"path", "change", "mode", "diff"})
@JsonIgnoreProperties(value = {"change", "diff"}, allowGetters = true)
public record FileChange(String path, String before, String beforeMode, String after, String mode) {

    /** An existing file, rewritten in place (its mode kept). */
    static FileChange edited(ConfigFile f, String after) {
        return new FileChange(f.path(), f.text(), f.mode(), after, f.mode());
    }

    static FileChange removed(ConfigFile f) {
        return new FileChange(f.path(), f.text(), f.mode(), null, f.mode());
    }

    /** A file of the tool's own at {@code path}: created with {@code mode}, or replacing what the host had there. */
    static FileChange written(NetworkConfig config, String path, String text, String mode) {
        ConfigFile old = config.file(path).orElse(null);
        return new FileChange(path, old == null ? null : old.text(), old == null ? null : old.mode(), text, mode);
    }

    @JsonProperty("change")
    public String change() {
        return before == null ? "create" : after == null ? "remove" : "edit";
    }

    public Command forward() {
        return Command.write(new FileWrite(path, after, after == null ? beforeMode : mode));
    }

    public Command undo() {
        return Command.write(new FileWrite(path, before, before == null ? mode : beforeMode));
    }

    /** A unified diff ({@code --- a/PATH}, {@code +++ b/PATH}), as `diff -u` prints it. */
    @JsonProperty("diff")
    public String diff() {
        List<String> a = before == null ? List.of() : before.lines().toList();
        List<String> b = after == null ? List.of() : after.lines().toList();
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(before == null ? "/dev/null" : "a" + path,
                after == null ? "/dev/null" : "b" + path, a, DiffUtils.diff(a, b), 3);
        // An empty range starts at the line before it (diff -u's "@@ -0,0 +1,3 @@" for a new file); java-diff-utils writes
        // "-1,0", which GNU patch rejects as a malformed hunk.
        return lines.stream().map(FileChange::emptyRangeStart).collect(java.util.stream.Collectors.joining("\n")) + "\n";
    }

    @JsonIgnore
    public boolean changesNothing() {
        return java.util.Objects.equals(before, after);
    }

    private static final java.util.regex.Pattern HUNK = java.util.regex.Pattern.compile("^@@ -(\\d+),(\\d+) \\+(\\d+),(\\d+) @@(.*)$");

    private static String emptyRangeStart(String line) {
        java.util.regex.Matcher m = HUNK.matcher(line);
        if (!m.matches()) {
            return line;
        }
        int oldStart = Integer.parseInt(m.group(1));
        int oldCount = Integer.parseInt(m.group(2));
        int newStart = Integer.parseInt(m.group(3));
        int newCount = Integer.parseInt(m.group(4));
        return "@@ -" + (oldCount == 0 ? Math.max(0, oldStart - 1) : oldStart) + "," + oldCount + " +"
                + (newCount == 0 ? Math.max(0, newStart - 1) : newStart) + "," + newCount + " @@" + m.group(5);
    }
}
