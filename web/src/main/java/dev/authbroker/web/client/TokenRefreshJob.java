package dev.authbroker.web.client;

import dev.authbroker.core.connection.Connection;
import dev.authbroker.core.connection.ConnectionRepository;
import dev.authbroker.persistence.Database;
import dev.authbroker.web.config.BrokerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Refreshes tokens before they expire, so connections of users who do not come back for weeks stay alive. Each run
 * takes at most {@code authbroker.instagram.refresh-batch} due connections (soonest expiry first) and goes through
 * the same lease as lazy refresh, so it never races a request or another broker instance.
 */
@ApplicationScoped
public class TokenRefreshJob {

    private static final Logger LOG = Logger.getLogger(TokenRefreshJob.class.getName());

    @Inject
    BrokerConfig config;

    @Inject
    Database db;

    @Inject
    ConnectionRepository connections;

    @Inject
    TokenKeeper keeper;

    private ScheduledExecutorService scheduler;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        long every = config.refreshInterval().toMillis();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "authbroker-token-refresh");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::runSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void runSafely() {
        try {
            int refreshed = run();
            if (refreshed > 0) {
                LOG.info("token refresh job: " + refreshed + " connection(s) refreshed");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "token refresh job failed: " + e.getClass().getName());
        }
    }

    /** One bounded pass; answers how many tokens were refreshed. */
    public int run() {
        List<Connection> due = db.transaction(em -> connections.dueForRefresh(Instant.now(), config.refreshWindow(), config.refreshBatch()));
        int refreshed = 0;
        for (Connection connection : due) {
            if (keeper.refresh(connection.id()).isPresent()) {
                refreshed++;
            }
        }
        return refreshed;
    }
}
