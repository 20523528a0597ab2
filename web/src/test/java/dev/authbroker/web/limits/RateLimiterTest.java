package dev.authbroker.web.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void parsesCountPerDurationAndOff() {
        assertThat(RateLimit.parse("k", "20/PT1M")).contains(new RateLimit(20, Duration.ofMinutes(1)));
        assertThat(RateLimit.parse("k", " OFF ")).isEmpty();
        for (String bad : new String[] {"", "20", "/PT1M", "0/PT1M", "20/1m", "x/PT1M", "20/PT0S", "-1/PT1M"}) {
            assertThatThrownBy(() -> RateLimit.parse("authbroker.rate-limit.x", bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authbroker.rate-limit.x");
        }
    }

    @Test
    void letsThePermitsThroughThenAnswersTheWaitUntilTheWindowEnds() {
        RateLimiter limiter = new RateLimiter(new RateLimit(3, Duration.ofMinutes(1)), 100);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("10.0.0.1", T0.plusSeconds(i))).isEmpty();
        }
        assertThat(limiter.acquire("10.0.0.1", T0.plusSeconds(20))).contains(Duration.ofSeconds(40));
        assertThat(limiter.acquire("10.0.0.2", T0.plusSeconds(20))).as("another key").isEmpty();
        assertThat(limiter.acquire("10.0.0.1", T0.plusSeconds(60))).as("a new window").isEmpty();
    }

    @Test
    void blockedCountsNothing() {
        RateLimiter limiter = new RateLimiter(new RateLimit(2, Duration.ofMinutes(1)), 100);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.blocked("a", T0)).isEmpty();
        }
        limiter.acquire("a", T0);
        limiter.acquire("a", T0);
        assertThat(limiter.blocked("a", T0.plusSeconds(30))).contains(Duration.ofSeconds(30));
    }

    @Test
    void tracksAtMostMaxKeysAndDropsEndedWindowsFirst() {
        RateLimiter limiter = new RateLimiter(new RateLimit(1, Duration.ofMinutes(1)), 3);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("k" + i, T0);
        }
        Optional<Duration> untracked = limiter.acquire("k3", T0);
        assertThat(untracked).isEmpty();
        assertThat(limiter.trackedKeys()).isEqualTo(3);
        assertThat(limiter.acquire("k3", T0.plusSeconds(61))).isEmpty();
        assertThat(limiter.trackedKeys()).as("ended windows dropped for the new key").isEqualTo(1);
        assertThat(limiter.acquire("k3", T0.plusSeconds(62))).isPresent();
    }

    @Test
    void concurrencyLimiterHoldsAtMostMaxPerKeyAndForgetsIdleKeys() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(2);
        assertThat(limiter.tryAcquire("s")).isTrue();
        assertThat(limiter.tryAcquire("s")).isTrue();
        assertThat(limiter.tryAcquire("s")).isFalse();
        assertThat(limiter.tryAcquire("t")).isTrue();
        limiter.release("s");
        assertThat(limiter.tryAcquire("s")).isTrue();
        limiter.release("s");
        limiter.release("s");
        assertThat(limiter.held("s")).isZero();
    }
}
