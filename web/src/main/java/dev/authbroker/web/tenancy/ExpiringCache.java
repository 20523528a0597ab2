package dev.authbroker.web.tenancy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongBiFunction;

/**
 * A map whose entries are forgotten {@code ttl} after they were loaded, holding at most {@code maxEntries} and at
 * most {@code maxWeight} (the weigher's estimate of an entry's bytes, key included; keys come from requests). When
 * full, it starts over: a flood of distinct or oversized keys costs database reads, never memory. An entry heavier
 * than the whole budget is not kept. A zero TTL caches nothing. Two threads missing the same key at once may both
 * load it; the last one stays.
 */
final class ExpiringCache<K, V> {

    private record Entry<V>(V value, long loadedAt, long weight) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong weight = new AtomicLong();
    private final long ttlNanos;
    private final int maxEntries;
    private final long maxWeight;
    private final ToLongBiFunction<K, V> weigher;
    private final LongSupplier clock;

    ExpiringCache(long ttlNanos, int maxEntries, LongSupplier clock) {
        this(ttlNanos, maxEntries, Long.MAX_VALUE, (k, v) -> 0, clock);
    }

    ExpiringCache(long ttlNanos, int maxEntries, long maxWeight, ToLongBiFunction<K, V> weigher, LongSupplier clock) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
        this.maxWeight = maxWeight;
        this.weigher = weigher;
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
        long entryWeight = weigher.applyAsLong(key, value);
        if (entryWeight > maxWeight) {
            return value;
        }
        if (entries.size() >= maxEntries || weight.get() + entryWeight > maxWeight) {
            clear();
        }
        Entry<V> replaced = entries.put(key, new Entry<>(value, now, entryWeight));
        weight.addAndGet(entryWeight - (replaced == null ? 0 : replaced.weight()));
        return value;
    }

    void clear() {
        entries.clear();
        weight.set(0);
    }

    int size() {
        return entries.size();
    }

    long weight() {
        return weight.get();
    }
}
