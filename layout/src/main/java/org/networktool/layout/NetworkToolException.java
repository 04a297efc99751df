package org.networktool.layout;

/** An error with a one-line, user-facing message (what, where, what to do) and its kind. */
public class NetworkToolException extends RuntimeException {
    private final ErrorKind kind;

    public NetworkToolException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public NetworkToolException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static NetworkToolException invalidInput(String message) {
        return new NetworkToolException(ErrorKind.INVALID_INPUT, message);
    }

    public ErrorKind kind() {
        return kind;
    }
}
