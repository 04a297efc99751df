package org.networktool.verbscheck;

/** A verbs check that could not go on; the message is for the field engineer. */
public final class VerbsException extends Exception {
    private static final long serialVersionUID = 1L;
    private final VerbsFailure failure;

    public VerbsException(VerbsFailure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public VerbsFailure failure() {
        return failure;
    }
}
