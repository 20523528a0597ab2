package dev.authbroker.web.limits;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A limit written {@code count/ISO-8601 duration} ({@code 20/PT1M}: 20 per minute), or {@code off}.
 *
 * @param permits how many in one window
 * @param window the window's length
 */
public record RateLimit(int permits, Duration window) {

    public RateLimit {
        if (permits < 1 || window == null || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs at least 1 permit per positive window");
        }
    }

    /** The limit {@code spec} describes; empty for {@code off}. Throws IllegalArgumentException naming {@code key}. */
    public static Optional<RateLimit> parse(String key, String spec) {
        String trimmed = spec == null ? "" : spec.trim();
        if (trimmed.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        int slash = trimmed.indexOf('/');
        try {
            if (slash > 0) {
                return Optional.of(new RateLimit(Integer.parseInt(trimmed.substring(0, slash)),
                        Duration.parse(trimmed.substring(slash + 1))));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // answered below
        }
        throw new IllegalArgumentException(key + " must be COUNT/DURATION such as 20/PT1M, or off; got '" + trimmed + "'");
    }

    @Override
    public String toString() {
        return permits + "/" + window;
    }
}
