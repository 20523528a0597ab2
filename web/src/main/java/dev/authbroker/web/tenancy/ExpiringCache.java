package dev.authbroker.web.tenancy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A map whose entries are forgotten {@code ttl} after they were loaded, holding at most {@code maxEntries} (when
 * full, it starts over: a flood of distinct keys costs database reads, never memory). A zero TTL caches nothing.
 * Two threads missing the same key at once may both load it; the last one stays.
 */
final class ExpiringCache<K, V> {

    private record Entry<V>(V value, long loadedAt) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier clock;

    ExpiringCache(long ttlNanos, int maxEntries, LongSupplier clock) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    V get(K key, Function<K, V> loader) {
        if (ttlNanos <= 0) {
            return loader.apply(key);
        }
        long now = clock.getAsLong();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.loadedAt() < ttlNanos) {
            return entry.value();
        }
        V value = loader.apply(key);
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, now));
        return value;
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
