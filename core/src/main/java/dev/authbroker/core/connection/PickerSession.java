package dev.authbroker.core.connection;

import dev.authbroker.core.crypto.RandomToken;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The picker's bearer credential for one connection, handed to the picker by the popup. Stored only as the SHA-256
 * of the token; dies with its connection.
 */
@Entity
@Table(name = "picker_session")
public class PickerSession {

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "connection_id", nullable = false, length = 36)
    private String connectionId;

    @Column(name = "tenant_id", nullable = false, length = 36)
    private String tenantId;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    protected PickerSession() {
    }

    public static Issued issue(Connection connection, Instant now, Duration ttl) {
        String token = RandomToken.create("ps_", 32);
        PickerSession session = new PickerSession();
        session.tokenHash = RandomToken.sha256Hex(token);
        session.connectionId = Objects.requireNonNull(connection.id());
        session.tenantId = connection.tenantId();
        session.createdAt = now.toEpochMilli();
        session.expiresAt = now.plus(ttl).toEpochMilli();
        return new Issued(session, token);
    }

    /** A session and the only plain copy of its token. */
    public record Issued(PickerSession session, String token) {
        @Override
        public String toString() {
            return "Issued[token=***]";
        }
    }

    public boolean isExpired(Instant now) {
        return now.toEpochMilli() >= expiresAt;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public String connectionId() {
        return connectionId;
    }

    public String tenantId() {
        return tenantId;
    }

    public Instant expiresAt() {
        return Instant.ofEpochMilli(expiresAt);
    }
}
