package dev.authbroker.web.config;

import dev.authbroker.core.log.WarningThrottle;
import dev.authbroker.persistence.Database;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A background task on its own daemon thread, run with a fixed delay between runs. A failing run is logged (type
 * only: messages may come from a driver; one line per task and failure type per 10 s) and the next one still happens,
 * whatever it threw: an uncaught throwable would cancel every later run of a scheduled executor, and an
 * {@code OutOfMemoryError} from one request must not stop token refresh or domain checks for good. Plain JDK
 * scheduling keeps the WAR free of EJB timers, which WildFly's MicroProfile profile does not have.
 */
public final class PeriodicTask implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PeriodicTask.class.getName());
    private final ScheduledExecutorService scheduler;
    private final Runnable afterClose;

    private PeriodicTask(ScheduledExecutorService scheduler, Runnable afterClose) {
        this.scheduler = scheduler;
        this.afterClose = afterClose;
    }

    public static PeriodicTask every(String name, Duration interval, Runnable task) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (Throwable e) {
                // in a database outage every task fails alike, and so does every request: one kind for them all
                String kind = Database.isDatabaseFailure(e) ? "database-unavailable" : name + "/" + e.getClass().getName();
                WarningThrottle.SHARED.warn(LOG, kind, name + " failed: " + e.getClass().getName());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return new PeriodicTask(scheduler, () -> { });
    }

    /** The same task, running {@code cleanUp} once it is closed. */
    public PeriodicTask whenClosed(Runnable cleanUp) {
        return new PeriodicTask(scheduler, cleanUp);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        afterClose.run();
    }
}
