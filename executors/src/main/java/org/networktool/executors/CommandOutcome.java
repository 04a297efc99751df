package org.networktool.executors;

/** What running one command gave. Exit -1 means it could not be started or timed out (see output). */
public record CommandOutcome(int exitCode, String output, long durationMs) {

    public boolean ok() {
        return exitCode == 0;
    }
}
