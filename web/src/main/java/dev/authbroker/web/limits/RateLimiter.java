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
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

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
        if (!windows.containsKey(key) && windows.size() >= maxKeys) {
            windows.values().removeIf(w -> millis - w.start >= windowMillis);
            if (windows.size() >= maxKeys) {
                return Optional.empty();
            }
        }
        Window window = windows.compute(key, (k, w) -> w == null || millis - w.start >= windowMillis ? new Window(millis) : w);
        synchronized (window) {
            if (window.count >= limit.permits()) {
                long wait = window.start + windowMillis - millis;
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
