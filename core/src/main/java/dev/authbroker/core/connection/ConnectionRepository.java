package dev.authbroker.core.connection;

import java.util.List;
import java.util.Optional;

/** Connections and their picker sessions. */
public interface ConnectionRepository {

    void add(Connection connection);

    Optional<Connection> find(String id);

    Optional<Connection> find(String tenantId, String clientId, String providerUserId);

    List<Connection> forTenant(String tenantId, int offset, int limit);

    /** Removes the connection and its picker sessions. */
    void delete(Connection connection);

    /**
     * Removes every connection minted by one app for one provider user — named by either of its ids, the app-scoped
     * one or the account id — with their picker sessions; returns how many connections. {@code tenantId} null means
     * the shared app (connections of every tenant minted by it).
     */
    int deleteMintedBy(String tenantId, String clientId, String providerUserId);

    /**
     * Removes every connection a tenant's Custom Auth app with {@code clientId} minted, with their picker sessions;
     * returns how many connections. Called when that app is replaced by another client id or removed: Meta's
     * callbacks for the old app could no longer be verified, so nothing of it may stay.
     */
    int deleteMintedByApp(String tenantId, String clientId);

    void addSession(PickerSession session);

    /** Deletes picker sessions that expired before {@code now}; returns how many. */
    int purgeExpiredSessions(java.time.Instant now);

    /** Deletes one picker session. */
    void deleteSession(PickerSession session);

    /**
     * Takes the refresh lease of a connection until {@code until}, if nobody holds an unexpired one. Atomic across
     * threads and broker instances sharing the database: exactly one caller gets true.
     */
    boolean tryLease(String connectionId, java.time.Instant now, java.time.Instant until);

    void releaseLease(String connectionId);

    /**
     * Active connections whose token expires between now and now + window, soonest expiry first (then id), at most
     * limit; with {@code after}, only those past it in that order (the next page of one pass).
     */
    List<Connection> dueForRefresh(java.time.Instant now, java.time.Duration window, Connection after, int limit);

    Optional<PickerSession> findSession(String tokenHash);

    /**
     * Active connections stored before the broker kept app-scoped ids, in id order after {@code afterId} (null: from
     * the start), at most {@code limit}, for the backfill.
     */
    List<Connection> withoutAppScopedId(String afterId, int limit);

    /** A page of all connections in id order after {@code afterId}, for key rewrapping. */
    List<Connection> page(String afterId, int limit);

    /** Writes the rewrapped token if the row still holds the value read; false when a concurrent write replaced it. */
    boolean replaceSealedToken(dev.authbroker.core.crypto.SealedRewrite rewrite);
}
