package dev.authbroker.persistence;

import dev.authbroker.core.authorization.AuthorizationState;
import dev.authbroker.core.authorization.AuthorizationStateRepository;
import dev.authbroker.core.authorization.SpentState;
import jakarta.persistence.PersistenceException;
import java.time.Instant;

public final class JpaAuthorizationStateRepository implements AuthorizationStateRepository {

    /** H2 serves one broker: spends of one key take turns in this JVM, so the loser finds the row and never fails. */
    private static final Object[] SPEND_LOCKS = new Object[64];

    static {
        for (int i = 0; i < SPEND_LOCKS.length; i++) {
            SPEND_LOCKS[i] = new Object();
        }
    }

    private final Database db;

    public JpaAuthorizationStateRepository(Database db) {
        this.db = db;
    }

    /**
     * Inserts the spend record in a transaction of its own. The primary key decides: of two concurrent inserts of the
     * same key, the database lets one commit and fails the other, which then finds the winner's row. On PostgreSQL
     * the loser's insert does nothing instead of failing ({@code ON CONFLICT DO NOTHING}); on H2 (one broker) the
     * spends of one key take turns in the JVM. Either way the expected race logs no error; the primary key stays the
     * judge if two JVMs ever share an H2 database.
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
            synchronized (SPEND_LOCKS[Math.floorMod(key.hashCode(), SPEND_LOCKS.length)]) {
                return db.transaction(em -> {
                    if (em.find(SpentState.class, key) != null) {
                        return false;
                    }
                    em.persist(new SpentState(state));
                    em.flush();
                    return true;
                });
            }
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
