package dev.authbroker.simulator;

/**
 * A misbehaviour the simulator plays instead of (or before) its normal answer, so tests can see how the broker copes
 * with a slow, failing or nonsensical Instagram.
 */
public record Fault(Kind kind, int status, long delayMillis, String retryAfter) {

    public enum Kind { DELAY, STATUS, HTML_BODY, EMPTY_JSON, TRUNCATED_JSON, DROP_CONNECTION }

    /** Sleeps, then answers normally. */
    public static Fault delay(long millis) {
        return new Fault(Kind.DELAY, 0, millis, null);
    }

    /** Answers this status with a Graph-shaped error. */
    public static Fault status(int status) {
        return new Fault(Kind.STATUS, status, 0, null);
    }

    /** Answers this status with a Graph-shaped error and a {@code Retry-After} header. */
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

    /** Closes the connection without answering. */
    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION, 0, 0, null);
    }
}
