package dev.authbroker.web.tenancy;

import dev.authbroker.persistence.Database;
import dev.authbroker.web.edge.VerifiedHostnames;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * What an admin write or a job changed, forgotten on every broker sharing the database: here at once, elsewhere within
 * a second through PostgreSQL {@code NOTIFY}/{@code LISTEN} ({@link Database#publishChange}). A notice names what
 * changed, so the others forget just that:
 * <ul>
 * <li>{@code tenant:{id}} — the tenant, its Custom Auth app, its domains' entries;
 * <li>{@code domains} — the set of served host names and every host name entry;
 * <li>{@code all} — everything (key rotation).
 * </ul>
 * A notice lost while a broker was cut off from the database is made good when it reconnects (it forgets everything)
 * and, at the latest, by the caches' TTL. On H2 (one broker) only this broker's own memory is concerned.
 */
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class.getName());
    static final String DOMAINS = "domains";
    static final String ALL = "all";
    private static final String TENANT = "tenant:";

    @Inject
    Database db;

    @Inject
    Lookups lookups;

    @Inject
    VerifiedHostnames verified;

    private AutoCloseable listener;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        listener = db.listenForChanges(this::apply, () -> apply(ALL));
    }

    @PreDestroy
    void stop() {
        if (listener != null) {
            try {
                listener.close();
            } catch (Exception e) {
                // stopping: nothing left to do about it
            }
        }
    }

    public void tenantChanged(String tenantId) {
        publish(TENANT + tenantId);
    }

    public void domainsChanged() {
        publish(DOMAINS);
    }

    public void everythingChanged() {
        publish(ALL);
    }

    private void publish(String key) {
        apply(key);
        try {
            db.publishChange(key);
        } catch (RuntimeException e) {
            // the write itself committed; the other brokers see it within the TTL
            LOG.warning("change notice " + key + " not sent to the other brokers: " + e.getClass().getSimpleName());
        }
    }

    void apply(String key) {
        if (key.startsWith(TENANT)) {
            lookups.forgetTenant(key.substring(TENANT.length()));
        } else if (DOMAINS.equals(key)) {
            lookups.forgetDomains();
            verified.reload();
        } else {
            lookups.clear();
            verified.reload();
        }
    }
}
