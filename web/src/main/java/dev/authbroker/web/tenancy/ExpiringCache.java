package dev.authbroker.web.tenancy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongBiFunction;

/**
 * A map whose entries are forgotten {@code ttl} after they were loaded, holding at most {@code maxEntries} and at
 * most {@code maxWeight} (the weigher's estimate of an entry's bytes, key included; keys come from requests). When
 * full, it starts over: a flood of distinct or oversized keys costs database reads, never memory. An entry heavier
 * than the whole budget is not kept. A zero TTL caches nothing. Two threads missing the same key at once may both
 * load it; the last one stays. A value loaded while entries were being removed is answered but not kept: it may have
 * been read before the change that removed them.
 */
final class ExpiringCache<K, V> {

    private record Entry<V>(V value, long loadedAt, long weight) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong weight = new AtomicLong();
    /** Counts removals: a load that saw another count when it started keeps nothing. */
    private final AtomicLong generation = new AtomicLong();
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
        long loadedIn = generation.get();
        V value = loader.apply(key);
        if (generation.get() != loadedIn) {
            return value;
        }
        long entryWeight = weigher.applyAsLong(key, value);
        if (entryWeight > maxWeight) {
            return value;
        }
        if (entries.size() >= maxEntries || weight.get() + entryWeight > maxWeight) {
            clear();
        }
        Entry<V> loaded = new Entry<>(value, now, entryWeight);
        Entry<V> replaced = entries.put(key, loaded);
        weight.addAndGet(entryWeight - (replaced == null ? 0 : replaced.weight()));
        if (generation.get() != loadedIn && entries.remove(key, loaded)) {
            // a removal came between the check above and the put: it may have missed this entry, so it goes too
            weight.addAndGet(-entryWeight);
        }
        return value;
    }

    void clear() {
        generation.incrementAndGet();
        entries.clear();
        weight.set(0);
    }

    void remove(K key) {
        generation.incrementAndGet();
        Entry<V> removed = entries.remove(key);
        if (removed != null) {
            weight.addAndGet(-removed.weight());
        }
    }

    /** Removes every entry, fresh or not, whose key and value match. */
    void removeIf(BiPredicate<K, V> matches) {
        generation.incrementAndGet();
        entries.forEach((key, entry) -> {
            if (matches.test(key, entry.value()) && entries.remove(key, entry)) {
                weight.addAndGet(-entry.weight());
            }
        });
    }

    int size() {
        return entries.size();
    }

    long weight() {
        return weight.get();
    }
}
