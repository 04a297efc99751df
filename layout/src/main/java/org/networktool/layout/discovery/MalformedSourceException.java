package org.networktool.layout.discovery;

/** A source's content was not in the format it should be; the message says where. */
public class MalformedSourceException extends Exception {
    public MalformedSourceException(String message) {
        super(message);
    }

    public MalformedSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
