package dev.authbroker.core.log;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At most one log line per kind of failure per interval: in an outage every request and every job turn fails the same
 * way, and one line every ten seconds says as much as thousands. The next line of a kind tells how many were held back.
 * Kinds are few (exception classes, job names); a map grown past {@value #MAX_KINDS} starts over.
 */
public final class WarningThrottle {

    /** The broker's one throttle: one line per kind per 10 s. */
    public static final WarningThrottle SHARED = new WarningThrottle(Duration.ofSeconds(10), System::nanoTime);

    private static final int MAX_KINDS = 1_000;

    private record Window(long startedAt, int heldBack) {
    }

    private final long intervalNanos;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public WarningThrottle(Duration interval, LongSupplier clock) {
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
    }

    /** Logs {@code message} at {@code level} unless a line of this {@code kind} went out less than an interval ago. */
    public void log(Logger log, Level level, String kind, String message) {
        String line = admit(kind, message);
        if (line != null) {
            log.log(level, line);
        }
    }

    public void warn(Logger log, String kind, String message) {
        log(log, Level.WARNING, kind, message);
    }

    /** The line to log now, with the count held back since the last one, or null to hold this one back. */
    String admit(String kind, String message) {
        if (windows.size() > MAX_KINDS) {
            windows.clear();
        }
        long now = clock.getAsLong();
        int[] heldBack = {-1};
        windows.compute(kind, (k, window) -> {
            if (window == null || now - window.startedAt() >= intervalNanos) {
                heldBack[0] = window == null ? 0 : window.heldBack();
                return new Window(now, 0);
            }
            return new Window(window.startedAt(), window.heldBack() + 1);
        });
        if (heldBack[0] < 0) {
            return null;
        }
        return heldBack[0] == 0 ? message : message + " (" + heldBack[0] + " more like it held back)";
    }
}
