package dev.authbroker.web.client;

import dev.authbroker.core.authorization.AuthorizationStateRepository;
import dev.authbroker.core.connection.ConnectionRepository;
import dev.authbroker.core.domain.CustomDomainRepository;
import dev.authbroker.persistence.Database;
import dev.authbroker.web.config.BrokerConfig;
import dev.authbroker.web.config.LeasedJobs;
import dev.authbroker.web.config.PeriodicTask;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Deletes what can no longer be used: records of spent authorization states past their TTL, expired picker
 * sessions and domain claims not verified within {@code authbroker.domains.pending-ttl}. Every few minutes, one statement each, indexed on the expiry columns.
 */
@ApplicationScoped
public class Housekeeping {

    static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    @Inject
    Database db;

    @Inject
    AuthorizationStateRepository states;

    @Inject
    ConnectionRepository connections;

    @Inject
    CustomDomainRepository domains;

    @Inject
    BrokerConfig config;

    @Inject
    LeasedJobs jobs;

    private PeriodicTask task;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        task = jobs.every("housekeeping", INTERVAL, this::run);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.close();
        }
    }

    void run() {
        Instant now = Instant.now();
        int expiredStates = db.transaction(em -> states.purgeExpired(now));
        int expiredSessions = db.transaction(em -> connections.purgeExpiredSessions(now));
        int lapsedClaims = db.transaction(em -> domains.deletePendingBefore(now.minus(config.domainPendingTtl())));
        if (expiredStates + expiredSessions + lapsedClaims > 0) {
            LOG.fine("housekeeping removed " + expiredStates + " expired state(s), " + expiredSessions + " session(s) and "
                    + lapsedClaims + " lapsed domain claim(s)");
        }
    }
}
