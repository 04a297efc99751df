package org.networktool.rollback;

/** Where a run stands, from its journal. */
public enum RunState {
    RUNNING("running"),
    AWAITING_CONFIRM("awaiting confirm"),
    DONE("done"),
    CONFIRMED("confirmed"),
    ROLLED_BACK("rolled back"),
    FAILED("failed: host not restored");

    private final String label;

    RunState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A run that changed the host and was neither finished nor rolled back: crash residue. */
    public boolean unfinished() {
        return this == RUNNING || this == FAILED;
    }

    public static RunState of(JournalContents j) {
        RunState state = RUNNING;
        for (JournalRecord r : j.records()) {
            switch (r.type()) {
                case ROLLBACK_BEGIN -> state = RUNNING;
                case ROLLBACK_DONE -> state = ROLLED_BACK;
                case ROLLBACK_INCOMPLETE -> state = FAILED;
                case CONFIRM_WINDOW -> state = AWAITING_CONFIRM;
                case CONFIRMED -> state = CONFIRMED;
                case RUN_DONE -> state = state == AWAITING_CONFIRM ? AWAITING_CONFIRM : (state == CONFIRMED ? CONFIRMED : DONE);
                default -> { }
            }
        }
        return state;
    }
}
