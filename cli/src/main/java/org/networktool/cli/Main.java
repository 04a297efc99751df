package org.networktool.cli;

/** Entry point of the jar: builds the configured command line and exits with its status. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(CommandLineFactory.create().execute(args));
    }
}
