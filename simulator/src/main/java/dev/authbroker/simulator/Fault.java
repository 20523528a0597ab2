package dev.authbroker.simulator;

import java.util.Objects;

/**
 * A misbehaviour the simulator plays for a call instead of (or, for {@link Kind#DELAY}, before) its normal answer, so
 * tests can watch how the broker copes with a slow, failing or nonsensical Instagram.
 *
 * @param status      the HTTP status of a {@link Kind#STATUS} fault
 * @param delayMillis how long a {@link Kind#DELAY} fault sleeps
 * @param retryAfter  the {@code Retry-After} header of a {@link Kind#STATUS} fault, or null for none
 */
public record Fault(Kind kind, int status, long delayMillis, String retryAfter) {

    public enum Kind {
        /** Sleeps, then answers normally. */
        DELAY,
        /** Answers the status with a Graph-shaped error (and {@code Retry-After} when given). */
        STATUS,
        /** Answers 200 with an HTML page, as a proxy or captive portal would. */
        HTML_BODY,
        /** Answers 200 {@code {}}. */
        EMPTY_JSON,
        /** Answers 200 with JSON cut off in the middle. */
        TRUNCATED_JSON,
        /** Closes the connection without sending a single byte. */
        DROP_CONNECTION
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delayMillis must not be negative");
        }
        if (kind == Kind.STATUS && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("a STATUS fault needs an HTTP status, got " + status);
        }
    }

    public static Fault delay(long millis) {
        return new Fault(Kind.DELAY, 0, millis, null);
    }

    public static Fault status(int status) {
        return new Fault(Kind.STATUS, status, 0, null);
    }

    public static Fault status(int status, long retryAfterSeconds) {
        return new Fault(Kind.STATUS, status, 0, Long.toString(retryAfterSeconds));
    }

    public static Fault html() {
        return new Fault(Kind.HTML_BODY, 200, 0, null);
    }

    public static Fault emptyJson() {
        return new Fault(Kind.EMPTY_JSON, 200, 0, null);
    }

    public static Fault truncatedJson() {
        return new Fault(Kind.TRUNCATED_JSON, 200, 0, null);
    }

    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION, 0, 0, null);
    }
}
