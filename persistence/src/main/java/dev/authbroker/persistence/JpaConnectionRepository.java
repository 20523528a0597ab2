package dev.authbroker.persistence;

import dev.authbroker.core.connection.Connection;
import dev.authbroker.core.connection.ConnectionRepository;
import dev.authbroker.core.connection.PickerSession;
import dev.authbroker.core.crypto.SealedRewrite;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public final class JpaConnectionRepository implements ConnectionRepository {

    private final Database db;

    public JpaConnectionRepository(Database db) {
        this.db = db;
    }

    @Override
    public void add(Connection connection) {
        db.em().persist(connection);
    }

    @Override
    public Optional<Connection> find(String id) {
        return Optional.ofNullable(db.em().find(Connection.class, id));
    }

    @Override
    public Optional<Connection> find(String tenantId, String clientId, String providerUserId) {
        return db.em().createQuery("SELECT c FROM Connection c WHERE c.tenantId = :t AND c.clientId = :c "
                        + "AND c.providerUserId = :u", Connection.class)
                .setParameter("t", tenantId).setParameter("c", clientId).setParameter("u", providerUserId)
                .getResultStream().findFirst();
    }

    @Override
    public List<Connection> forTenant(String tenantId, int offset, int limit) {
        return db.em().createQuery("SELECT c FROM Connection c WHERE c.tenantId = :t ORDER BY c.createdAt, c.id", Connection.class)
                .setParameter("t", tenantId).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    @Override
    public void delete(Connection connection) {
        db.em().createQuery("DELETE FROM PickerSession s WHERE s.connectionId = :c")
                .setParameter("c", connection.id()).executeUpdate();
        db.em().createQuery("DELETE FROM Connection c WHERE c.id = :c")
                .setParameter("c", connection.id()).executeUpdate();
    }

    @Override
    public int deleteMintedBy(String tenantId, String clientId, String providerUserId) {
        // Meta names the user by an app-scoped id; the professional account id is matched too (PRODUCT.md).
        String user = "(c.providerUserId = :u OR c.appScopedId = :u)";
        List<String> ids = (tenantId == null
                ? db.em().createQuery("SELECT c.id FROM Connection c WHERE c.clientId = :c AND " + user
                        + " AND c.appId IS NULL", String.class)
                : db.em().createQuery("SELECT c.id FROM Connection c WHERE c.clientId = :c AND " + user
                        + " AND c.tenantId = :t AND c.appId IS NOT NULL", String.class).setParameter("t", tenantId))
                .setParameter("c", clientId).setParameter("u", providerUserId).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        db.em().createQuery("DELETE FROM PickerSession s WHERE s.connectionId IN :ids").setParameter("ids", ids).executeUpdate();
        return db.em().createQuery("DELETE FROM Connection c WHERE c.id IN :ids").setParameter("ids", ids).executeUpdate();
    }

    @Override
    public int deleteMintedByApp(String tenantId, String clientId) {
        String minted = "SELECT c.id FROM Connection c WHERE c.tenantId = :t AND c.clientId = :c AND c.appId IS NOT NULL";
        db.em().createQuery("DELETE FROM PickerSession s WHERE s.connectionId IN (" + minted + ")")
                .setParameter("t", tenantId).setParameter("c", clientId).executeUpdate();
        return db.em().createQuery("DELETE FROM Connection c WHERE c.tenantId = :t AND c.clientId = :c AND c.appId IS NOT NULL")
                .setParameter("t", tenantId).setParameter("c", clientId).executeUpdate();
    }

    @Override
    public void addSession(PickerSession session) {
        db.em().persist(session);
    }

    @Override
    public int purgeExpiredSessions(Instant now) {
        return db.em().createQuery("DELETE FROM PickerSession s WHERE s.expiresAt < :now")
                .setParameter("now", now.toEpochMilli()).executeUpdate();
    }

    @Override
    public void deleteSession(PickerSession session) {
        db.em().createQuery("DELETE FROM PickerSession s WHERE s.tokenHash = :h")
                .setParameter("h", session.tokenHash()).executeUpdate();
    }

    @Override
    public boolean tryLease(String connectionId, Instant now, Instant until) {
        // One conditional UPDATE: the database serialises concurrent ones on the row, so only one sees the lease free.
        return db.em().createQuery("UPDATE Connection c SET c.refreshLeaseUntil = :until WHERE c.id = :id "
                        + "AND (c.refreshLeaseUntil IS NULL OR c.refreshLeaseUntil < :now)")
                .setParameter("until", until.toEpochMilli()).setParameter("id", connectionId)
                .setParameter("now", now.toEpochMilli()).executeUpdate() == 1;
    }

    @Override
    public void releaseLease(String connectionId) {
        db.em().createQuery("UPDATE Connection c SET c.refreshLeaseUntil = NULL WHERE c.id = :id")
                .setParameter("id", connectionId).executeUpdate();
    }

    @Override
    public List<Connection> dueForRefresh(Instant now, Duration window, Connection after, int limit) {
        long nowMillis = now.toEpochMilli();
        var query = db.em().createQuery("SELECT c FROM Connection c WHERE c.status = 'ACTIVE' AND c.tokenExpiresAt > :now "
                        + "AND c.tokenExpiresAt <= :horizon AND c.tokenIssuedAt <= :oldEnough"
                        + (after == null ? "" : " AND (c.tokenExpiresAt > :afterExpiry OR (c.tokenExpiresAt = :afterExpiry AND c.id > :afterId))")
                        + " ORDER BY c.tokenExpiresAt, c.id", Connection.class)
                .setParameter("now", nowMillis)
                .setParameter("horizon", nowMillis + window.toMillis())
                .setParameter("oldEnough", nowMillis - Duration.ofHours(24).toMillis());
        if (after != null) {
            query.setParameter("afterExpiry", after.tokenExpiresAt().toEpochMilli()).setParameter("afterId", after.id());
        }
        return query.setMaxResults(limit).getResultList();
    }

    @Override
    public Optional<PickerSession> findSession(String tokenHash) {
        return Optional.ofNullable(db.em().find(PickerSession.class, tokenHash));
    }

    @Override
    public List<Connection> page(String afterId, int limit) {
        return db.em().createQuery("SELECT c FROM Connection c WHERE c.id > :after ORDER BY c.id", Connection.class)
                .setParameter("after", afterId == null ? "" : afterId).setMaxResults(limit).getResultList();
    }

    @Override
    public boolean replaceSealedToken(SealedRewrite rewrite) {
        return db.em().createQuery("UPDATE Connection c SET c.sealedAccessToken = :replacement "
                        + "WHERE c.id = :id AND c.sealedAccessToken = :expected")
                .setParameter("replacement", rewrite.replacement()).setParameter("id", rewrite.rowId())
                .setParameter("expected", rewrite.expected()).executeUpdate() == 1;
    }

    @Override
    public List<Connection> withoutAppScopedId(String afterId, int limit) {
        return db.em().createQuery("SELECT c FROM Connection c WHERE c.appScopedId IS NULL AND c.status = 'ACTIVE' "
                        + "AND c.id > :after ORDER BY c.id", Connection.class)
                .setParameter("after", afterId == null ? "" : afterId).setMaxResults(limit).getResultList();
    }
}
