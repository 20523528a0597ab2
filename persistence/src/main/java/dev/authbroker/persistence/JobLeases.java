package dev.authbroker.persistence;

import java.time.Instant;

/**
 * One row per periodic job ({@code job_lease}, seeded by the migrations): the broker holding a job's current lease
 * runs it. Taking or renewing a lease is one conditional UPDATE, which the database serialises on the row, so of
 * several brokers asking at once exactly one gets a free or expired lease.
 */
public final class JobLeases {

    private final Database db;

    public JobLeases(Database db) {
        this.db = db;
    }

    /** Takes the lease of {@code job} until {@code until} if it is free, expired or already {@code holder}'s. */
    public boolean tryAcquire(String job, String holder, Instant now, Instant until) {
        return db.transaction(em -> em.createNativeQuery("UPDATE job_lease SET holder = ?1, expires_at = ?2 "
                        + "WHERE name = ?3 AND (holder = ?4 OR expires_at < ?5)")
                .setParameter(1, holder).setParameter(2, until.toEpochMilli()).setParameter(3, job)
                .setParameter(4, holder).setParameter(5, now.toEpochMilli()).executeUpdate()) == 1;
    }

    /** Fails unless the migrations seeded a row for {@code job}: without one, no broker would ever run it. */
    public void requireRow(String job) {
        Object rows = db.transaction(em -> em.createNativeQuery("SELECT COUNT(*) FROM job_lease WHERE name = ?1")
                .setParameter(1, job).getSingleResult());
        if (((Number) rows).longValue() == 0) {
            throw new IllegalStateException("no lease row for job " + job + " (job_lease is seeded by the migrations)");
        }
    }

    /** Gives the lease up at once (a broker shutting down), so another broker need not wait for it to expire. */
    public void release(String job, String holder) {
        db.transaction(em -> em.createNativeQuery("UPDATE job_lease SET expires_at = 0 WHERE name = ?1 AND holder = ?2")
                .setParameter(1, job).setParameter(2, holder).executeUpdate());
    }
}
