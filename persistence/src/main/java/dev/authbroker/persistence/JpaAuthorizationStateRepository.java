package dev.authbroker.persistence;

import dev.authbroker.core.authorization.AuthorizationState;
import dev.authbroker.core.authorization.AuthorizationStateRepository;
import dev.authbroker.core.authorization.SpentState;
import jakarta.persistence.PersistenceException;
import java.time.Instant;

public final class JpaAuthorizationStateRepository implements AuthorizationStateRepository {

    private final Database db;

    public JpaAuthorizationStateRepository(Database db) {
        this.db = db;
    }

    /**
     * Inserts the spend record in a transaction of its own. The primary key decides: of two concurrent inserts of the
     * same key, the database lets one commit and fails the other, which then finds the winner's row. On PostgreSQL
     * the loser's insert does nothing instead of failing ({@code ON CONFLICT DO NOTHING}), so nothing logs an error.
     */
    @Override
    public boolean spend(AuthorizationState state) {
        String key = state.spendKey();
        if (db.isPostgresql()) {
            // One statement that cannot fail on the expected race (two callbacks with one state): no error to log.
            return db.transaction(em -> em.createNativeQuery("INSERT INTO spent_state (spend_key, tenant_id, expires_at) "
                            + "VALUES (?1, ?2, ?3) ON CONFLICT (spend_key) DO NOTHING")
                    .setParameter(1, key).setParameter(2, state.binding().tenantId())
                    .setParameter(3, state.expiresAt().toEpochMilli()).executeUpdate()) == 1;
        }
        try {
            return db.transaction(em -> {
                if (em.find(SpentState.class, key) != null) {
                    return false;
                }
                em.persist(new SpentState(state));
                em.flush();
                return true;
            });
        } catch (PersistenceException e) {
            if (db.transaction(em -> em.find(SpentState.class, key) != null)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public int purgeExpired(Instant now) {
        return db.em().createQuery("DELETE FROM SpentState s WHERE s.expiresAt < :now")
                .setParameter("now", now.toEpochMilli()).executeUpdate();
    }
}
