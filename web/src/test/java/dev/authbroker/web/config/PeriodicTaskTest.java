package dev.authbroker.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTaskTest {

    @Test
    void keepsRunningAfterARunThrowsAnError() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch laterRuns = new CountDownLatch(3);
        try (PeriodicTask task = PeriodicTask.every("test-task", Duration.ofMillis(5), () -> {
            if (runs.incrementAndGet() == 1) {
                throw new OutOfMemoryError("simulated: one request exhausted the heap");
            }
            laterRuns.countDown();
        })) {
            assertThat(laterRuns.await(30, TimeUnit.SECONDS)).as("runs after the Error").isTrue();
        }
        assertThat(runs.get()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void keepsRunningAfterARunThrowsARuntimeException() throws InterruptedException {
        CountDownLatch laterRuns = new CountDownLatch(2);
        AtomicInteger runs = new AtomicInteger();
        try (PeriodicTask task = PeriodicTask.every("test-task", Duration.ofMillis(5), () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
            }
            laterRuns.countDown();
        })) {
            assertThat(laterRuns.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
