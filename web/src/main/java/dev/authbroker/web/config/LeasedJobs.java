package dev.authbroker.web.config;

import dev.authbroker.persistence.JobLeases;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Periodic jobs that one broker runs for all brokers sharing the database (domain re-check, token refresh, backfill,
 * housekeeping). Every broker schedules them; at each turn only the holder of the job's lease runs it
 * ({@link JobLeases}). A lease lasts {@code authbroker.jobs.lease-ttl} (default 30 s) and its holder renews it every
 * third of that, during long runs too; a broker that stops releases its leases, one that dies loses them when they
 * expire, and the next turn of another broker takes the job over.
 */
@ApplicationScoped
public class LeasedJobs {

    private static final Logger LOG = Logger.getLogger(LeasedJobs.class.getName());

    @Inject
    BrokerConfig config;

    @Inject
    JobLeases leases;

    /** This broker among the others: host name and a random part, so two brokers on one host differ too. */
    private final String holder = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Boolean> held = new ConcurrentHashMap<>();
    private final Set<String> rowChecked = ConcurrentHashMap.newKeySet();
    private Duration ttl;
    private PeriodicTask heartbeat;

    @PostConstruct
    void start() {
        ttl = config.jobLeaseTtl();
        LOG.info("periodic jobs: this broker holds their leases as " + holder + " (table job_lease)");
        heartbeat = PeriodicTask.every("authbroker-job-leases", ttl.dividedBy(3), () ->
                held.forEach((job, holding) -> {
                    if (holding) {
                        take(job);
                    }
                }));
    }

    @PreDestroy
    void stop() {
        heartbeat.close();
        held.keySet().forEach(this::release);
    }

    /** Schedules {@code work} every {@code interval} on this broker, run only while this broker holds the job. */
    public PeriodicTask every(String job, Duration interval, Runnable work) {
        return PeriodicTask.every("authbroker-" + job, interval, () -> {
            if (take(job)) {
                work.run();
            }
        }).whenClosed(() -> release(job));
    }

    private boolean take(String job) {
        Instant now = Instant.now();
        boolean holding = leases.tryAcquire(job, holder, now, now.plus(ttl));
        if (!holding && rowChecked.add(job)) {
            leases.requireRow(job); // once: a job nobody can take would otherwise be silently never run
        }
        Boolean before = held.put(job, holding);
        if (holding && !Boolean.TRUE.equals(before)) {
            LOG.info("job " + job + " runs on this broker (" + holder + ")");
        }
        return holding;
    }

    private void release(String job) {
        if (Boolean.TRUE.equals(held.put(job, false))) {
            try {
                leases.release(job, holder);
            } catch (RuntimeException e) {
                // stopping while the database is away: the lease expires by itself
            }
        }
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 120 ? name.substring(0, 120) : name;
        } catch (UnknownHostException e) {
            return "broker";
        }
    }
}
