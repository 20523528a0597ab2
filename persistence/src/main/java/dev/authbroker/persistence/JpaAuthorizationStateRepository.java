package dev.authbroker.persistence;

import dev.authbroker.core.authorization.AuthorizationState;
import dev.authbroker.core.authorization.AuthorizationStateRepository;
import java.time.Instant;
import java.util.Optional;

public final class JpaAuthorizationStateRepository implements AuthorizationStateRepository {

    private final Database db;

    public JpaAuthorizationStateRepository(Database db) {
        this.db = db;
    }

    @Override
    public void add(AuthorizationState state) {
        db.em().persist(state);
    }

    @Override
    public Optional<AuthorizationState> consume(String stateHash) {
        AuthorizationState state = db.em().find(AuthorizationState.class, stateHash);
        if (state == null) {
            return Optional.empty();
        }
        // The DELETE's row count decides: concurrent transactions may all have read the row, but the database lets
        // exactly one of them delete it (the others block on the row lock, then delete nothing).
        int deleted = db.em().createQuery("DELETE FROM AuthorizationState s WHERE s.stateHash = :h")
                .setParameter("h", stateHash).executeUpdate();
        db.em().detach(state);
        return deleted == 1 ? Optional.of(state) : Optional.empty();
    }

    @Override
    public int purgeExpired(Instant now) {
        return db.em().createQuery("DELETE FROM AuthorizationState s WHERE s.expiresAt < :now")
                .setParameter("now", now.toEpochMilli()).executeUpdate();
    }
}
