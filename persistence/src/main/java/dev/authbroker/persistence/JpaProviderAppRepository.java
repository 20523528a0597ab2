package dev.authbroker.persistence;

import dev.authbroker.core.app.ProviderApp;
import dev.authbroker.core.app.ProviderAppRepository;
import dev.authbroker.core.crypto.SealedRewrite;
import java.util.List;
import java.util.Optional;

public final class JpaProviderAppRepository implements ProviderAppRepository {

    private final Database db;

    public JpaProviderAppRepository(Database db) {
        this.db = db;
    }

    @Override
    public void add(ProviderApp app) {
        db.em().persist(app);
    }

    @Override
    public Optional<ProviderApp> find(String tenantId, String provider) {
        return db.em().createQuery(
                        "SELECT a FROM ProviderApp a WHERE a.tenantId = :t AND a.provider = :p", ProviderApp.class)
                .setParameter("t", tenantId).setParameter("p", provider)
                .getResultStream().findFirst();
    }

    @Override
    public void delete(ProviderApp app) {
        db.em().remove(db.em().contains(app) ? app : db.em().merge(app));
    }

    @Override
    public List<ProviderApp> page(String afterId, int limit) {
        return db.em().createQuery("SELECT a FROM ProviderApp a WHERE a.id > :after ORDER BY a.id", ProviderApp.class)
                .setParameter("after", afterId == null ? "" : afterId)
                .setMaxResults(limit).getResultList();
    }

    @Override
    public boolean replaceSealedSecret(SealedRewrite rewrite) {
        return db.em().createQuery("UPDATE ProviderApp a SET a.sealedClientSecret = :replacement "
                        + "WHERE a.id = :id AND a.sealedClientSecret = :expected")
                .setParameter("replacement", rewrite.replacement()).setParameter("id", rewrite.rowId())
                .setParameter("expected", rewrite.expected()).executeUpdate() == 1;
    }
}
