package dev.authbroker.web.edge;

import dev.authbroker.core.domain.CustomDomainRepository;
import dev.authbroker.persistence.Database;
import dev.authbroker.web.config.PeriodicTask;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Every verified custom domain's host name, in memory, for the proxy's certificate question on TLS handshakes: a
 * hostile client choosing SNI names costs no database query. Reloaded whole every {@value #RELOAD_SECONDS} s and at
 * once after this broker's admin API changed a domain (100,000 names are a few MB and one indexed read).
 */
@ApplicationScoped
public class VerifiedHostnames {

    static final long RELOAD_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(VerifiedHostnames.class.getName());

    @Inject
    Database db;

    @Inject
    CustomDomainRepository domains;

    private volatile Set<String> verified = Set.of();
    private PeriodicTask task;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warning("verified host names not loaded yet: " + e.getClass().getName());
        }
        task = PeriodicTask.every("authbroker-verified-hostnames", Duration.ofSeconds(RELOAD_SECONDS), this::reload);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.close();
        }
    }

    public void reload() {
        verified = new HashSet<>(db.transaction(em -> domains.verifiedHostnames()));
    }

    /** Whether {@code hostname} (normalised, ASCII) is a verified custom domain, as of the last reload. */
    public boolean isVerified(String hostname) {
        return verified.contains(hostname);
    }
}
