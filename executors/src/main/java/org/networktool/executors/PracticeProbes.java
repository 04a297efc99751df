package org.networktool.executors;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A practice host's answers: every tool present, a peer answers while the host has its storage IP, nothing else is asked. */
class PracticeProbes implements GateProbes {
    @Override
    public List<String> missingTools(List<String> tools) {
        return List.of();
    }

    @Override
    public Optional<String> ping(String peer, String source) {
        return source == null ? Optional.empty() : Optional.of("simulated");
    }

    @Override
    public Optional<CommandOutcome> lacpShow(String bond) {
        return Optional.empty();
    }

    @Override
    public OptionalInt handlerThreads() {
        return OptionalInt.empty();
    }

    @Override
    public Optional<OvsDbOnDisk.Names> databaseOnDisk() {
        return Optional.empty();
    }

    @Override
    public Optional<RdmaPinger> pinger() {
        return Optional.empty();
    }

    @Override
    public Optional<PathChecker> paths() {
        return Optional.empty();
    }

    @Override
    public String notProbed() {
        return "not run on a practice host";
    }
}
