package org.networktool.planners;

/**
 * A configuration file put in place whole: {@code content} written to {@code path} (absolute, as on
 * the host) with permission bits {@code mode}, atomically; {@code content == null} removes the file.
 * Writing the same content again, or removing a file that is gone, changes nothing, so a re-run or
 * a rollback after a crash is safe.
 */
public record FileWrite(String path, String content, String mode) {

    public boolean removes() {
        return content == null;
    }

    public String display() {
        return removes() ? "remove " + path
                : "write " + path + " (" + content.lines().count() + " lines, mode " + mode + ")";
    }
}
