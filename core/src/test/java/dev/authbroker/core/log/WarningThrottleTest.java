package dev.authbroker.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WarningThrottleTest {

    private final AtomicLong clock = new AtomicLong();
    private final WarningThrottle throttle = new WarningThrottle(Duration.ofSeconds(10), clock::get);

    @Test
    void oneLinePerKindPerIntervalThenTheCountHeldBack() {
        assertThat(throttle.admit("db", "database unavailable")).isEqualTo("database unavailable");
        for (int i = 0; i < 500; i++) {
            clock.addAndGet(10_000_000); // 5 s in all
            assertThat(throttle.admit("db", "database unavailable")).isNull();
        }
        assertThat(throttle.admit("job", "re-check failed")).as("another kind").isEqualTo("re-check failed");

        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(throttle.admit("db", "database unavailable")).isEqualTo("database unavailable (500 more like it held back)");
        assertThat(throttle.admit("db", "database unavailable")).isNull();
    }
}
