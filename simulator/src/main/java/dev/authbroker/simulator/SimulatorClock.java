package dev.authbroker.simulator;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's notion of now, in epoch seconds. Tests can move it forward to expire codes and tokens without
 * sleeping for ten minutes or an hour.
 */
final class SimulatorClock {

    private final AtomicLong offsetSeconds = new AtomicLong();

    long now() {
        return Instant.now().getEpochSecond() + offsetSeconds.get();
    }

    void advance(long seconds) {
        offsetSeconds.addAndGet(seconds);
    }
}
