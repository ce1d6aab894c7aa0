package io.snapsim.core;

/**
 * Bad input from the user: a malformed file, an unknown key, a bad value, an unreadable or corrupt
 * snapshot. Its message is shown to the user as one line (no stack trace) and the command exits
 * with code 2, so the message must name the file, the key or path, and what is wrong.
 */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
