package dev.authbroker.web.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts events per key (a client address, a tenant) in fixed windows, in memory. Memory is bounded: at most
 * {@code maxKeys} keys are tracked; when full, windows that ended are dropped, and if every tracked key is still
 * in its window a new key is let through untracked rather than letting a flood of addresses grow the map.
 */
public final class RateLimiter {

    private final RateLimit limit;
    private final int maxKeys;
    private static final long PURGE_EVERY_MILLIS = 1000;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private volatile long lastPurge = Long.MIN_VALUE / 2;

    public RateLimiter(RateLimit limit, int maxKeys) {
        this.limit = limit;
        this.maxKeys = maxKeys;
    }

    /** One fixed window of one key: when it started and how many events it has counted. */
    private static final class Window {
        private final long start;
        private int count;

        Window(long start) {
            this.start = start;
        }
    }

    /** Counts one event; answers how long to wait when the key is over its limit (the event then does not count). */
    public Optional<Duration> acquire(String key, Instant now) {
        return check(key, now, true);
    }

    /** How long to wait when the key is already at its limit, without counting anything. */
    public Optional<Duration> blocked(String key, Instant now) {
        return check(key, now, false);
    }

    private Optional<Duration> check(String key, Instant now, boolean count) {
        long millis = now.toEpochMilli();
        long windowMillis = limit.window().toMillis();
        if (!count) {
            // a question only: nothing is created for a key that has no window
            Window window = windows.get(key);
            return window == null || millis - window.start >= windowMillis ? Optional.empty() : over(window, millis, false);
        }
        if (!windows.containsKey(key) && windows.size() >= maxKeys) {
            // at most one sweep a second: a flood of new addresses must not make every request walk the whole map
            if (millis - lastPurge >= PURGE_EVERY_MILLIS) {
                lastPurge = millis;
                windows.values().removeIf(w -> millis - w.start >= windowMillis);
            }
            if (windows.size() >= maxKeys) {
                return Optional.empty();
            }
        }
        Window window = windows.compute(key, (k, w) -> w == null || millis - w.start >= windowMillis ? new Window(millis) : w);
        return over(window, millis, true);
    }

    private Optional<Duration> over(Window window, long millis, boolean count) {
        synchronized (window) {
            if (window.count >= limit.permits()) {
                long wait = window.start + limit.window().toMillis() - millis;
                return Optional.of(Duration.ofMillis(Math.max(wait, 1)));
            }
            if (count) {
                window.count++;
            }
            return Optional.empty();
        }
    }

    /** How many keys are tracked now. */
    int trackedKeys() {
        return windows.size();
    }
}
