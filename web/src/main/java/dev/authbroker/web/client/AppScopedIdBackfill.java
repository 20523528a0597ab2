package dev.authbroker.web.client;

import dev.authbroker.core.connection.Connection;
import dev.authbroker.core.connection.ConnectionRepository;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.instagram.InstagramClient;
import dev.authbroker.core.instagram.Profile;
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
 * Fills in the app-scoped id of connections stored before the broker kept it, without the user signing in again:
 * each run reads {@code /me} with the tokens of at most {@value #BATCH} such connections (an index probe finds them;
 * with none left a run costs one lookup). Meanwhile Meta's callbacks find those connections by the account id.
 */
@ApplicationScoped
public class AppScopedIdBackfill {

    static final int BATCH = 50;
    private static final Logger LOG = Logger.getLogger(AppScopedIdBackfill.class.getName());

    @Inject
    BrokerConfig config;

    @Inject
    Database db;

    @Inject
    ConnectionRepository connections;

    @Inject
    TokenKeeper keeper;

    @Inject
    InstagramClient instagram;

    /** Where the next run goes on, in id order: rows that fail (Instagram down, another account) do not block the rest. */
    private volatile String cursor;
    @Inject
    LeasedJobs jobs;

    private PeriodicTask task;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        task = jobs.every("app-scoped-id-backfill", config.backfillInterval(), this::run);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.close();
        }
    }

    /** One bounded pass; answers how many connections got their app-scoped id. */
    public int run() {
        String after = cursor;
        List<Connection> missing = db.transaction(em -> connections.withoutAppScopedId(after, BATCH));
        // at the end of the table, start over next run
        cursor = missing.size() < BATCH ? null : missing.get(missing.size() - 1).id();
        int filled = 0;
        for (Connection connection : missing) {
            Profile profile;
            try {
                profile = instagram.profile(keeper.accessToken(connection));
            } catch (BrokerException e) {
                // reconnect_required marks the connection, which leaves the backlog; anything else is tried next run
                continue;
            }
            if (!profile.accountId().equals(connection.providerUserId())) {
                LOG.warning("app-scoped id backfill: /me answered another account for connection " + connection.id());
                continue;
            }
            Instant now = Instant.now();
            db.run(() -> connections.find(connection.id()).ifPresent(c -> c.identifyAppScoped(profile.appScopedId(), now)));
            filled++;
        }
        if (filled > 0) {
            LOG.info("app-scoped id backfill: " + filled + " connection(s) completed");
        }
        return filled;
    }
}
