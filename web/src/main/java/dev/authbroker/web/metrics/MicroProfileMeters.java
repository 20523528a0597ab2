package dev.authbroker.web.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counters in the application registry of MicroProfile Metrics (Payara: {@code /metrics}, scope application). A bean
 * only where the API exists: {@code beans.xml} excludes it on servers without it.
 */
@ApplicationScoped
class MicroProfileMeters implements Meters {

    @Inject
    MetricRegistry registry;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Override
    public void increment(String name, String description, String... tags) {
        counters.computeIfAbsent(name + String.join("\u0000", tags), key -> {
            Tag[] mpTags = new Tag[tags.length / 2];
            for (int i = 0; i < mpTags.length; i++) {
                mpTags[i] = new Tag(tags[2 * i], tags[2 * i + 1]);
            }
            return registry.counter(Metadata.builder().withName(name).withDescription(description).build(), mpTags);
        }).inc();
    }

    @Override
    public String describe() {
        return "MicroProfile Metrics (application scope)";
    }
}
