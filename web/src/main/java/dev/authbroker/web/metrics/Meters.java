package dev.authbroker.web.metrics;

import jakarta.enterprise.inject.spi.BeanManager;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A counter registry of the server the WAR runs on. The adapters are loaded only when their API is on the class path,
 * so one WAR deploys on a server with either, both or neither.
 */
interface Meters {

    /** Adds one to the counter {@code name} with the given tags ({@code key, value, key, value…}). */
    void increment(String name, String description, String... tags);

    /** Where the counters go, for the start-up log line. */
    String describe();

    Meters NONE = new Meters() {
        @Override
        public void increment(String name, String description, String... tags) {
        }

        @Override
        public String describe() {
            return "none (the server has neither Micrometer nor MicroProfile Metrics)";
        }
    };

    /** WildFly's micrometer subsystem first (WildFly has no MicroProfile Metrics), then MicroProfile Metrics (Payara). */
    static Meters ofPlatform(BeanManager beans) {
        Logger log = Logger.getLogger(Meters.class.getName());
        if (present("io.micrometer.core.instrument.MeterRegistry")) {
            try {
                return beans.createInstance().select(MicrometerMeters.class).get();
            } catch (RuntimeException | LinkageError e) {
                log.log(Level.WARNING, "Micrometer is on the class path but offers no registry: " + e);
            }
        }
        if (present("org.eclipse.microprofile.metrics.MetricRegistry")) {
            try {
                return beans.createInstance().select(MicroProfileMeters.class).get();
            } catch (RuntimeException | LinkageError e) {
                log.log(Level.WARNING, "MicroProfile Metrics is on the class path but offers no registry: " + e);
            }
        }
        return NONE;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Meters.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
