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
     * Removes every connection minted by one app for one provider user, with their picker sessions; returns how
     * many connections. {@code tenantId} null means the shared app (connections of every tenant minted by it).
     */
    int deleteMintedBy(String tenantId, String clientId, String providerUserId);

    void addSession(PickerSession session);

    Optional<PickerSession> findSession(String tokenHash);

    /** A page of all connections in id order after {@code afterId}, for key rewrapping. */
    List<Connection> page(String afterId, int limit);
}
