package dev.authbroker.web.limits;

import java.util.concurrent.ConcurrentHashMap;

/** At most {@code max} things at once per key (media streams of one picker session); nothing kept for idle keys. */
public final class ConcurrencyLimiter {

    private final int max;
    private final ConcurrentHashMap<String, Integer> inUse = new ConcurrentHashMap<>();

    public ConcurrencyLimiter(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least 1 at once");
        }
        this.max = max;
    }

    /** Takes a slot; false when {@code key} already holds {@code max}. A true answer must be followed by {@link #release}. */
    public boolean tryAcquire(String key) {
        boolean[] taken = new boolean[1];
        inUse.compute(key, (k, n) -> {
            int held = n == null ? 0 : n;
            taken[0] = held < max;
            return taken[0] ? held + 1 : held;
        });
        return taken[0];
    }

    public void release(String key) {
        inUse.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Slots {@code key} holds now. */
    int held(String key) {
        return inUse.getOrDefault(key, 0);
    }
}
