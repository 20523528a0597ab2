package dev.authbroker.web.admin;

import dev.authbroker.core.audit.AuditEvent;
import dev.authbroker.core.audit.AuditLog;
import dev.authbroker.core.domain.CustomDomain;
import dev.authbroker.core.domain.CustomDomainRepository;
import dev.authbroker.core.domain.DomainStatus;
import dev.authbroker.core.domain.TxtResolver;
import dev.authbroker.persistence.Database;
import dev.authbroker.web.config.BrokerConfig;
import dev.authbroker.web.config.LeasedJobs;
import dev.authbroker.web.config.PeriodicTask;
import dev.authbroker.web.metrics.BrokerMetrics;
import dev.authbroker.web.tenancy.ChangeFeed;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * Re-checks the TXT record of every verified and every suspended domain once per
 * {@code authbroker.domains.recheck-interval}, however many there are: pages of {@value #PAGE} in host name order,
 * each page's lookups {@code authbroker.domains.recheck-concurrency} at a time, its outcomes written in one
 * transaction (records seen again as before: one statement for the page) and, when any changed, told to every broker
 * right after that commit. A record missing for {@code authbroker.domains.grace} suspends the domain (no longer
 * served, audit {@code domain.suspended}); a suspended domain whose record is back is served again (audit
 * {@code domain.restored}).
 * A DNS server that does not answer proves nothing and changes nothing.
 */
@ApplicationScoped
public class DomainRecheckJob {

    static final int PAGE = 500;
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

    @Inject
    ChangeFeed changes;

    @Inject
    BrokerMetrics metrics;

    @Inject
    LeasedJobs jobs;

    private PeriodicTask task;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        task = jobs.every("domain-recheck", config.domainRecheckInterval(), this::run);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.close();
        }
    }

    /** One pass over every verified and suspended domain; answers how many were looked up. */
    public int run() {
        ExecutorService lookupsPool = Executors.newFixedThreadPool(config.domainRecheckConcurrency(), r -> {
            Thread t = new Thread(r, "authbroker-domain-recheck-dns");
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        int checked = 0;
        int changed = 0;
        try {
            String after = null;
            while (true) {
                String cursor = after;
                List<CustomDomain> page = db.transaction(em -> domains.servedOrSuspended(cursor, PAGE));
                if (page.isEmpty()) {
                    break;
                }
                Map<String, Boolean> found = lookUp(page, lookupsPool);
                for (CustomDomain domain : page) {
                    Boolean seen = found.get(domain.hostname());
                    metrics.domainCheck(seen == null ? "no_answer" : seen ? "found" : "missing");
                }
                // the usual outcome — a verified domain's record seen again — is one statement for the whole page
                List<String> seenAgain = page.stream().filter(CustomDomain::isVerifiedAndSeen)
                        .map(CustomDomain::hostname).filter(h -> Boolean.TRUE.equals(found.get(h))).toList();
                seenAgain.forEach(found::remove);
                int changedHere = db.transaction(em -> {
                    domains.markSeen(seenAgain, Instant.now());
                    return record(found);
                });
                if (changedHere > 0) {
                    // right after the commit, not after the last page: a suspended domain stops being served at once
                    changes.domainsChanged();
                }
                changed += changedHere;
                checked += page.size();
                after = page.get(page.size() - 1).hostname();
            }
        } finally {
            lookupsPool.shutdownNow();
        }
        if (checked > 0) {
            LOG.info("domain re-check: " + checked + " domain(s) in " + (System.nanoTime() - started) / 1_000_000
                    + " ms, " + changed + " changed");
        }
        return checked;
    }

    /** Each domain's record, seen or not; domains whose DNS lookup failed are left out. */
    private Map<String, Boolean> lookUp(List<CustomDomain> page, ExecutorService pool) {
        Map<String, Future<Boolean>> pending = new LinkedHashMap<>();
        for (CustomDomain domain : page) {
            pending.put(domain.hostname(), pool.submit(() -> dns.txt(domain.txtName()).contains(domain.txtValue())));
        }
        Map<String, Boolean> found = new LinkedHashMap<>();
        pending.forEach((hostname, answer) -> {
            try {
                found.put(hostname, answer.get());
            } catch (ExecutionException e) {
                // DNS did not answer: proves nothing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking domains", e);
            }
        });
        return found;
    }

    private int record(Map<String, Boolean> found) {
        int changed = 0;
        Instant now = Instant.now();
        for (Map.Entry<String, Boolean> outcome : found.entrySet()) {
            CustomDomain current = domains.find(outcome.getKey()).orElse(null);
            if (current == null || current.status() == DomainStatus.PENDING) {
                continue; // removed or re-claimed meanwhile
            }
            DomainStatus before = current.status();
            if (!current.recordChecked(outcome.getValue(), now, config.domainGrace())) {
                continue;
            }
            changed++;
            if (current.status() == DomainStatus.SUSPENDED) {
                audit.record(new AuditEvent(current.tenantId(), "system", "domain.suspended",
                        "hostname=" + current.hostname() + " (TXT record missing past the grace period)", now));
                LOG.warning("custom domain " + current.hostname() + " suspended: TXT record missing");
            } else if (before == DomainStatus.SUSPENDED) {
                audit.record(new AuditEvent(current.tenantId(), "system", "domain.restored",
                        "hostname=" + current.hostname() + " (TXT record found again)", now));
                LOG.info("custom domain " + current.hostname() + " restored: TXT record found again");
            }
        }
        return changed;
    }
}
