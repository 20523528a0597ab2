package dev.authbroker.web.client;

import dev.authbroker.core.connection.Connection;
import dev.authbroker.core.connection.ConnectionRepository;
import dev.authbroker.core.crypto.SecretBox;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.instagram.InstagramClient;
import dev.authbroker.core.oauth.ProviderException;
import dev.authbroker.core.oauth.TokenGrant;
import dev.authbroker.persistence.Database;
import dev.authbroker.web.config.BrokerConfig;
import dev.authbroker.web.metrics.BrokerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Hands out a connection's access token, refreshing it first when it is due. Refresh is single-flight per connection
 * across threads and broker instances: whoever takes the connection's lease in the database refreshes (after
 * re-reading the row, since another holder may just have done it); everyone else goes on with the current token,
 * which is still valid — so N concurrent uses cause one refresh call.
 */
@ApplicationScoped
public class TokenKeeper {

    static final Duration LEASE = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(TokenKeeper.class.getName());

    @Inject
    BrokerConfig config;

    @Inject
    Database db;

    @Inject
    ConnectionRepository connections;

    @Inject
    SecretBox box;

    @Inject
    InstagramClient instagram;

    @Inject
    BrokerMetrics metrics;

    /** The token to call Instagram with; throws {@code reconnect_required} when there is none that works. */
    public String accessToken(Connection connection) {
        Instant now = Instant.now();
        if (connection.status() != dev.authbroker.core.connection.ConnectionStatus.ACTIVE) {
            throw reconnect();
        }
        if (connection.isExpired(now)) {
            markReconnectRequired(connection.id());
            throw reconnect();
        }
        if (connection.isDueForRefresh(now, config.refreshWindow())) {
            return refresh(connection.id()).orElse(connection.accessToken(box));
        }
        return connection.accessToken(box);
    }

    /** Refreshes if this caller wins the lease and the token is still due; answers the fresh token if it did. */
    public java.util.Optional<String> refresh(String connectionId) {
        Instant now = Instant.now();
        boolean leased = db.transaction(em -> connections.tryLease(connectionId, now, now.plus(LEASE)));
        if (!leased) {
            return java.util.Optional.empty();
        }
        try {
            Connection current = db.transaction(em -> connections.find(connectionId)).orElse(null);
            if (current == null || !current.isDueForRefresh(Instant.now(), config.refreshWindow())) {
                return java.util.Optional.empty();
            }
            TokenGrant fresh;
            try {
                fresh = instagram.refresh(current.accessToken(box), Instant.now());
            } catch (ProviderException e) {
                if (e.code() == ErrorCode.RECONNECT_REQUIRED) {
                    markReconnectRequired(connectionId);
                }
                LOG.info("token refresh failed for connection " + connectionId + ": " + e.code().code());
                metrics.tokenRefresh(false);
                return java.util.Optional.empty();
            }
            Instant done = Instant.now();
            db.run(() -> connections.find(connectionId).ifPresent(c ->
                    c.replaceToken(fresh.accessToken(), done, fresh.expiresAt(), box, done)));
            metrics.tokenRefresh(true);
            return java.util.Optional.of(fresh.accessToken());
        } finally {
            db.run(() -> connections.releaseLease(connectionId));
        }
    }

    public void markReconnectRequired(String connectionId) {
        db.run(() -> connections.find(connectionId).ifPresent(c -> c.markReconnectRequired(Instant.now())));
    }

    static BrokerException reconnect() {
        return new BrokerException(ErrorCode.RECONNECT_REQUIRED, "the Instagram connection has expired or was revoked; connect again");
    }
}
