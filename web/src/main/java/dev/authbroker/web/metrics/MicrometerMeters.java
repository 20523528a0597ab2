package dev.authbroker.web.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters in the {@link MeterRegistry} a server's Micrometer integration offers (WildFly: the micrometer subsystem).
 * A bean only where the API exists: {@code beans.xml} excludes it on servers without it.
 */
@ApplicationScoped
class MicrometerMeters implements Meters {

    @Inject
    MeterRegistry registry;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Override
    public void increment(String name, String description, String... tags) {
        counters.computeIfAbsent(name + String.join("\u0000", tags),
                // registry.counter, not Counter.builder(…).register: WildFly's application registry passes only the
                // former on to the registry it exports (the builder's meter would stay in a private SimpleMeterRegistry)
                key -> registry.counter(name, Tags.of(tags))).increment();
    }

    @Override
    public String describe() {
        return "Micrometer (" + registry.getClass().getSimpleName() + ")";
    }
}
