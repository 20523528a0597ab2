package dev.authbroker.web.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final AtomicInteger loads = new AtomicInteger();

    private String load(String key) {
        loads.incrementAndGet();
        return key + "#" + loads.get();
    }

    @Test
    void withinTtlThenLoadedOnce() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(100, 10, clock::get);
        assertThat(cache.get("a", this::load)).isEqualTo("a#1");
        clock.addAndGet(99);
        assertThat(cache.get("a", this::load)).isEqualTo("a#1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void afterTtlThenLoadedAgain() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(100, 10, clock::get);
        cache.get("a", this::load);
        clock.addAndGet(100);
        assertThat(cache.get("a", this::load)).isEqualTo("a#2");
    }

    @Test
    void clearThenLoadedAgain() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(100, 10, clock::get);
        cache.get("a", this::load);
        cache.clear();
        assertThat(cache.get("a", this::load)).isEqualTo("a#2");
    }

    @Test
    void removeForgetsOneKeyOnly() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(100, 10, 1_000, (k, v) -> 10, clock::get);
        cache.get("a", this::load);
        cache.get("b", this::load);
        cache.remove("a");
        assertThat(cache.get("b", this::load)).isEqualTo("b#2");
        assertThat(cache.get("a", this::load)).isEqualTo("a#3");
        assertThat(cache.weight()).isEqualTo(20);
    }

    @Test
    void removeIfForgetsTheMatchingEntries() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(100, 10, 1_000, (k, v) -> 10, clock::get);
        cache.get("tenant-1/a", this::load);
        cache.get("tenant-1/b", this::load);
        cache.get("tenant-2/a", this::load);
        cache.removeIf((key, value) -> value.startsWith("tenant-1/"));
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.weight()).isEqualTo(10);
        assertThat(cache.get("tenant-2/a", this::load)).isEqualTo("tenant-2/a#3");
    }

    @Test
    void aValueLoadedWhileAnEntryWasRemovedIsAnsweredButNotKept() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(100, 10, clock::get);
        // the load read the database before the change; the change's removal arrives while it runs
        assertThat(cache.get("a", key -> {
            cache.remove("a");
            return "stale";
        })).isEqualTo("stale");
        assertThat(cache.get("a", this::load)).isEqualTo("a#1");
    }

    @Test
    void aRemovalBetweenTheLoadAndItsStoringAlsoRemovesTheStoredValue() {
        AtomicReference<ExpiringCache<String, String>> self = new AtomicReference<>();
        AtomicBoolean removeOnce = new AtomicBoolean(true);
        // the weigher runs after the load's generation check and before the entry is stored: the narrowest window
        ExpiringCache<String, String> cache = new ExpiringCache<>(100, 10, 1_000, (k, v) -> {
            if (removeOnce.getAndSet(false)) {
                self.get().clear();
            }
            return 1;
        }, clock::get);
        self.set(cache);
        assertThat(cache.get("a", key -> "stale")).isEqualTo("stale");
        assertThat(cache.size()).isZero();
        assertThat(cache.weight()).isZero();
        assertThat(cache.get("a", this::load)).isEqualTo("a#1");
    }

    @Test
    void zeroTtlThenNothingCached() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(0, 10, clock::get);
        cache.get("a", this::load);
        cache.get("a", this::load);
        assertThat(loads).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void fullThenStartsOverAndNeverExceedsTheBound() {
        ExpiringCache<Integer, String> cache = new ExpiringCache<>(1_000, 3, clock::get);
        for (int i = 0; i < 10; i++) {
            cache.get(i, k -> "v" + k);
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        assertThat(cache.get(9, k -> "reloaded")).isEqualTo("v9");
    }

    @Test
    void boundedByWeightSoLargeKeysCannotFillMemory() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(1_000, 1_000, 100,
                (k, v) -> k.length() + v.length(), clock::get);
        cache.get("a", this::load);
        assertThat(cache.weight()).isEqualTo(4);
        assertThat(cache.get("x".repeat(8_000), this::load)).startsWith("xxx");
        assertThat(cache.size()).as("heavier than the whole budget: not kept").isEqualTo(1);
        for (int i = 0; i < 20; i++) {
            cache.get("key-" + i + "-" + "y".repeat(20), this::load);
            assertThat(cache.weight()).isLessThanOrEqualTo(100);
        }
        assertThat(cache.size()).isLessThan(4);
    }
}
