package dev.authbroker.web.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
}
