package dev.authbroker.core.connection;

import dev.authbroker.core.crypto.SecretBox;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An Instagram account connected to a tenant through one app (the shared app or the tenant's Custom Auth app).
 * Unique per tenant, minting client id and Instagram user: signing in again updates it. The access token is sealed
 * under a context naming this row.
 */
@Entity
@Table(name = "connection")
public class Connection {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "tenant_id", nullable = false, length = 36)
    private String tenantId;

    @Column(name = "provider", nullable = false, length = 32)
    private String provider;

    /** The Custom Auth app that minted the token, or null for the shared app. */
    @Column(name = "app_id", length = 36)
    private String appId;

    @Column(name = "client_id", nullable = false, length = 100)
    private String clientId;

    /** The provider's id of the user that is the same for every app (Instagram: the professional account id). */
    @Column(name = "provider_user_id", nullable = false, length = 64)
    private String providerUserId;

    /**
     * The provider's id of the user for the minting app only (Instagram: {@code /me}'s {@code id}); null for
     * connections stored before the broker kept it, until the backfill reads it.
     */
    @Column(name = "app_scoped_id", length = 64)
    private String appScopedId;

    @Column(name = "username", length = 100)
    private String username;

    @Column(name = "access_token", nullable = false, length = 2000)
    private String sealedAccessToken;

    @Column(name = "token_issued_at", nullable = false)
    private long tokenIssuedAt;

    @Column(name = "token_expires_at", nullable = false)
    private long tokenExpiresAt;

    @Column(name = "status", nullable = false, length = 24)
    private String status;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "updated_at", nullable = false)
    private long updatedAt;

    @Column(name = "refresh_lease_until")
    private Long refreshLeaseUntil;

    protected Connection() {
    }

    public static Connection create(String tenantId, String provider, String appId, String clientId, String providerUserId) {
        Connection c = new Connection();
        c.id = UUID.randomUUID().toString();
        c.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        c.provider = Objects.requireNonNull(provider, "provider");
        c.appId = appId;
        c.clientId = Objects.requireNonNull(clientId, "clientId");
        c.providerUserId = Objects.requireNonNull(providerUserId, "providerUserId");
        return c;
    }

    /** Records the user's app-scoped id (from a sign-in or the backfill). */
    public void identifyAppScoped(String id, Instant now) {
        this.appScopedId = Objects.requireNonNull(id, "id");
        this.updatedAt = now.toEpochMilli();
    }

    /** The user's id for the minting app only, or null when not known yet. */
    public String appScopedId() {
        return appScopedId;
    }

    /** Stores a fresh token (sign-in or refresh) and marks the connection usable again. */
    public void replaceToken(String accessToken, Instant issuedAt, Instant expiresAt, SecretBox box, Instant now) {
        this.sealedAccessToken = box.seal(accessToken, tokenContext());
        this.tokenIssuedAt = issuedAt.toEpochMilli();
        this.tokenExpiresAt = expiresAt.toEpochMilli();
        this.status = ConnectionStatus.ACTIVE.name();
        if (createdAt == 0) {
            createdAt = now.toEpochMilli();
        }
        this.updatedAt = now.toEpochMilli();
    }

    public void rename(String newUsername, Instant now) {
        this.username = newUsername;
        this.updatedAt = now.toEpochMilli();
    }

    /** The provider said the token is no longer valid: the user must sign in again. */
    public void markReconnectRequired(Instant now) {
        this.status = ConnectionStatus.RECONNECT_REQUIRED.name();
        this.updatedAt = now.toEpochMilli();
    }

    public String accessToken(SecretBox box) {
        return box.open(sealedAccessToken, tokenContext());
    }

    /** The token sealed with the box's active key, to write only if the row is unchanged; empty when it already is. */
    public java.util.Optional<dev.authbroker.core.crypto.SealedRewrite> rewrapped(SecretBox box) {
        if (box.isSealedWithActiveKey(sealedAccessToken)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new dev.authbroker.core.crypto.SealedRewrite(id, sealedAccessToken,
                box.rewrap(sealedAccessToken, tokenContext())));
    }

    private String tokenContext() {
        return "connection.access_token/" + id;
    }

    /**
     * Instagram refreshes a long-lived token only once it is at least 24 hours old and not expired; the broker does
     * so when it expires within {@code window}.
     */
    public boolean isDueForRefresh(Instant now, java.time.Duration window) {
        long nowMillis = now.toEpochMilli();
        return status() == ConnectionStatus.ACTIVE
                && nowMillis < tokenExpiresAt
                && tokenExpiresAt - nowMillis <= window.toMillis()
                && nowMillis - tokenIssuedAt >= java.time.Duration.ofHours(24).toMillis();
    }

    public boolean isExpired(Instant now) {
        return now.toEpochMilli() >= tokenExpiresAt;
    }

    public boolean isUsable(Instant now) {
        return status() == ConnectionStatus.ACTIVE && now.toEpochMilli() < tokenExpiresAt;
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String provider() {
        return provider;
    }

    public String appId() {
        return appId;
    }

    public boolean sharedApp() {
        return appId == null;
    }

    public String clientId() {
        return clientId;
    }

    public String providerUserId() {
        return providerUserId;
    }

    public String username() {
        return username;
    }

    public Instant tokenIssuedAt() {
        return Instant.ofEpochMilli(tokenIssuedAt);
    }

    public Instant tokenExpiresAt() {
        return Instant.ofEpochMilli(tokenExpiresAt);
    }

    public ConnectionStatus status() {
        return ConnectionStatus.valueOf(status);
    }

    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    public Instant updatedAt() {
        return Instant.ofEpochMilli(updatedAt);
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", tenant=" + tenantId + ", clientId=" + clientId + "]";
    }
}
