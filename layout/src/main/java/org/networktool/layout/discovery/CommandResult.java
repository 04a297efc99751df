package org.networktool.layout.discovery;

/** What a read-only query gave: its output, or why there is none (tool missing, failed, not captured). */
public record CommandResult(String output, String failure) {

    public static CommandResult ok(String output) {
        return new CommandResult(output, null);
    }

    public static CommandResult failed(String why) {
        return new CommandResult(null, why);
    }

    public boolean isOk() {
        return failure == null;
    }
}
