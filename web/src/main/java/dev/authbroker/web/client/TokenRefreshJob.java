package dev.authbroker.web.client;

import dev.authbroker.core.connection.Connection;
import dev.authbroker.core.connection.ConnectionRepository;
import dev.authbroker.persistence.Database;
import dev.authbroker.web.config.BrokerConfig;
import dev.authbroker.web.config.LeasedJobs;
import dev.authbroker.web.config.PeriodicTask;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
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

    @Inject
    LeasedJobs jobs;

    private PeriodicTask task;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        task = jobs.every("token-refresh", config.refreshInterval(), this::run);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.close();
        }
    }

    /**
     * One pass over every connection due, page by page ({@code authbroker.instagram.refresh-batch} a page), bounded by
     * the interval so that a pass never runs into the next; answers how many tokens were refreshed. A connection whose
     * refresh failed stays due and is tried again next pass, not again in this one.
     */
    public int run() {
        long deadline = System.nanoTime() + config.refreshInterval().toNanos();
        int refreshed = 0;
        Connection last = null;
        while (System.nanoTime() < deadline) {
            Connection after = last;
            List<Connection> due = db.transaction(em -> connections.dueForRefresh(Instant.now(), config.refreshWindow(), after, config.refreshBatch()));
            if (due.isEmpty()) {
                break;
            }
            for (Connection connection : due) {
                if (keeper.refresh(connection.id()).isPresent()) {
                    refreshed++;
                }
            }
            last = due.get(due.size() - 1);
        }
        if (refreshed > 0) {
            LOG.info("token refresh job: " + refreshed + " connection(s) refreshed");
        }
        return refreshed;
    }
}
