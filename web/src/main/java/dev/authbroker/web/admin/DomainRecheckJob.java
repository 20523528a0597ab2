package dev.authbroker.web.admin;

import dev.authbroker.core.audit.AuditEvent;
import dev.authbroker.core.audit.AuditLog;
import dev.authbroker.core.domain.CustomDomain;
import dev.authbroker.core.domain.CustomDomainRepository;
import dev.authbroker.core.domain.DomainStatus;
import dev.authbroker.core.domain.TxtResolver;
import dev.authbroker.persistence.Database;
import dev.authbroker.web.config.BrokerConfig;
import dev.authbroker.web.config.PeriodicTask;
import dev.authbroker.web.tenancy.Lookups;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Re-checks verified domains' TXT records, a bounded batch per run (least recently checked first). A domain whose
 * record has been missing for {@code authbroker.domains.grace} is suspended — no longer served — and the audit log
 * says so. A DNS server that does not answer proves nothing and changes nothing.
 */
@ApplicationScoped
public class DomainRecheckJob {

    static final int BATCH = 200;
    private static final Logger LOG = Logger.getLogger(DomainRecheckJob.class.getName());

    @Inject
    BrokerConfig config;

    @Inject
    Database db;

    @Inject
    CustomDomainRepository domains;

    @Inject
    TxtResolver dns;

    @Inject
    AuditLog audit;

    private PeriodicTask task;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        task = PeriodicTask.every("authbroker-domain-recheck", config.domainRecheckInterval(), this::run);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.close();
        }
    }

    @Inject
    Lookups lookups;

    public void run() {
        List<CustomDomain> due = db.transaction(em -> domains.dueForRecheck(BATCH));
        for (CustomDomain domain : due) {
            boolean found;
            try {
                found = dns.txt(domain.txtName()).contains(domain.txtValue());
            } catch (TxtResolver.DnsUnavailableException e) {
                continue;
            }
            db.run(() -> domains.find(domain.hostname()).ifPresent(current -> {
                Instant now = Instant.now();
                if (current.recordChecked(found, now, config.domainGrace()) && current.status() == DomainStatus.SUSPENDED) {
                    audit.record(new AuditEvent(current.tenantId(), "system", "domain.suspended",
                            "hostname=" + current.hostname() + " (TXT record missing past the grace period)", now));
                    LOG.warning("custom domain " + current.hostname() + " suspended: TXT record missing");
                }
            }));
        }
        if (!due.isEmpty()) {
            lookups.clear();
        }
    }
}
