package dev.authbroker.persistence;

import dev.authbroker.core.tenant.Tenant;
import dev.authbroker.core.tenant.TenantRepository;
import java.util.List;
import java.util.Optional;

public final class JpaTenantRepository implements TenantRepository {

    private final Database db;

    public JpaTenantRepository(Database db) {
        this.db = db;
    }

    @Override
    public void add(Tenant tenant) {
        db.em().persist(tenant);
    }

    @Override
    public Optional<Tenant> find(String id) {
        return Optional.ofNullable(db.em().find(Tenant.class, id));
    }

    @Override
    public Optional<Tenant> findByApiKey(String apiKey) {
        return single("SELECT t FROM Tenant t WHERE t.apiKey = :v", apiKey);
    }

    @Override
    public Optional<Tenant> findBySecretHash(String secretHash) {
        return single("SELECT t FROM Tenant t WHERE t.secretHash = :v", secretHash);
    }

    private Optional<Tenant> single(String jpql, String value) {
        return db.em().createQuery(jpql, Tenant.class).setParameter("v", value).getResultStream().findFirst();
    }

    @Override
    public List<Tenant> list(int offset, int limit) {
        return db.em().createQuery("SELECT t FROM Tenant t ORDER BY t.createdAt, t.id", Tenant.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    @Override
    public boolean anyTenantAllowsOrigin(String origin) {
        // An equality lookup on tenant_origin's primary key (origin, tenant_id): one index probe.
        return !db.em().createQuery("SELECT t.id FROM Tenant t JOIN t.originIndex o WHERE o = :origin", String.class)
                .setParameter("origin", origin).setMaxResults(1).getResultList().isEmpty();
    }

    @Override
    public void delete(Tenant tenant) {
        // Children first, in one transaction, with bulk statements: a tenant may own many rows, and the
        // schema's ON DELETE CASCADE is a safety net, not the mechanism.
        for (String table : TenantOwnedTables.CHILDREN) {
            db.em().createNativeQuery("DELETE FROM " + table + " WHERE tenant_id = ?1")
                    .setParameter(1, tenant.id()).executeUpdate();
        }
        db.em().remove(db.em().contains(tenant) ? tenant : db.em().merge(tenant));
    }
}
