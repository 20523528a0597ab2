package dev.authbroker.persistence;

import dev.authbroker.core.domain.CustomDomain;
import dev.authbroker.core.domain.CustomDomainRepository;
import dev.authbroker.core.domain.DomainStatus;
import java.util.List;
import java.util.Optional;

public final class JpaCustomDomainRepository implements CustomDomainRepository {

    private final Database db;

    public JpaCustomDomainRepository(Database db) {
        this.db = db;
    }

    @Override
    public void add(CustomDomain domain) {
        db.em().persist(domain);
    }

    @Override
    public Optional<CustomDomain> find(String hostname) {
        return Optional.ofNullable(db.em().find(CustomDomain.class, hostname));
    }

    @Override
    public List<CustomDomain> forTenant(String tenantId) {
        return db.em().createQuery("SELECT d FROM CustomDomain d WHERE d.tenantId = :t ORDER BY d.createdAt, d.hostname",
                CustomDomain.class).setParameter("t", tenantId).getResultList();
    }

    @Override
    public void delete(CustomDomain domain) {
        db.em().createQuery("DELETE FROM CustomDomain d WHERE d.hostname = :h").setParameter("h", domain.hostname()).executeUpdate();
        // a bulk delete leaves the entity managed; Hibernate would then refuse a new claim of the same name in this
        // transaction as a duplicate
        if (db.em().contains(domain)) {
            db.em().detach(domain);
        }
    }

    @Override
    public long countPendingSince(String tenantId, java.time.Instant since) {
        return db.em().createQuery("SELECT COUNT(d) FROM CustomDomain d WHERE d.tenantId = :t AND d.status = 'PENDING' "
                + "AND d.createdAt >= :since", Long.class)
                .setParameter("t", tenantId).setParameter("since", since.toEpochMilli()).getSingleResult();
    }

    @Override
    public int deletePendingBefore(java.time.Instant before) {
        return db.em().createQuery("DELETE FROM CustomDomain d WHERE d.status = 'PENDING' AND d.createdAt < :before")
                .setParameter("before", before.toEpochMilli()).executeUpdate();
    }

    @Override
    public List<CustomDomain> servedOrSuspended(String afterHostname, int limit) {
        return db.em().createQuery("SELECT d FROM CustomDomain d WHERE d.status IN ('VERIFIED', 'SUSPENDED') "
                        + "AND d.hostname > :after ORDER BY d.hostname", CustomDomain.class)
                .setParameter("after", afterHostname == null ? "" : afterHostname).setMaxResults(limit).getResultList();
    }

    @Override
    public List<String> verifiedHostnames() {
        return db.em().createQuery("SELECT d.hostname FROM CustomDomain d WHERE d.status = 'VERIFIED'", String.class)
                .getResultList();
    }

    @Override
    public List<CustomDomain> page(DomainStatus status, String afterHostname, int limit) {
        String byStatus = status == null ? "" : " AND d.status = :status";
        var query = db.em().createQuery("SELECT d FROM CustomDomain d WHERE d.hostname > :after" + byStatus
                + " ORDER BY d.hostname", CustomDomain.class)
                .setParameter("after", afterHostname == null ? "" : afterHostname).setMaxResults(limit);
        if (status != null) {
            query.setParameter("status", status.name());
        }
        return query.getResultList();
    }

    @Override
    public int markSeen(List<String> hostnames, java.time.Instant now) {
        if (hostnames.isEmpty()) {
            return 0;
        }
        return db.em().createQuery("UPDATE CustomDomain d SET d.checkedAt = :now WHERE d.hostname IN :names "
                        + "AND d.status = 'VERIFIED' AND d.missingSince IS NULL")
                .setParameter("now", now.toEpochMilli()).setParameter("names", hostnames).executeUpdate();
    }
}
