package dev.authbroker.core.authorization;

import dev.authbroker.core.crypto.RandomToken;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A pending authorization request (RFC 6749 §4.1.1 {@code state}, RFC 9700 §4.7): created when the popup starts,
 * removed when the callback presents it. It records everything the callback needs — tenant, app, host, redirect URI,
 * picker origin — so nothing about them is read from the callback request. Stored under the SHA-256 of the state
 * and of the browser cookie, so a database reader can neither complete nor forge a flow.
 */
@Entity
@Table(name = "authorization_state")
public class AuthorizationState {

    public static final int STATE_BYTES = 32;

    @Id
    @Column(name = "state_hash", length = 64)
    private String stateHash;

    @Column(name = "browser_hash", nullable = false, length = 64)
    private String browserHash;

    @Column(name = "tenant_id", nullable = false, length = 36)
    private String tenantId;

    /** The Custom Auth app's id, or null for the platform's shared app. */
    @Column(name = "app_id", length = 36)
    private String appId;

    @Column(name = "client_id", nullable = false, length = 100)
    private String clientId;

    @Column(name = "host", nullable = false, length = 253)
    private String host;

    @Column(name = "redirect_uri", nullable = false, length = 400)
    private String redirectUri;

    @Column(name = "origin", nullable = false, length = 300)
    private String origin;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    protected AuthorizationState() {
    }

    /** A new state; the returned token is the only copy of the state value. */
    public static Started start(Binding binding, String browserToken, Instant now, Duration ttl) {
        Objects.requireNonNull(binding, "binding");
        String token = RandomToken.create("", STATE_BYTES);
        AuthorizationState state = new AuthorizationState();
        state.stateHash = RandomToken.sha256Hex(token);
        state.browserHash = RandomToken.sha256Hex(Objects.requireNonNull(browserToken, "browserToken"));
        state.tenantId = binding.tenantId();
        state.appId = binding.appId();
        state.clientId = binding.clientId();
        state.host = binding.host();
        state.redirectUri = binding.redirectUri();
        state.origin = binding.origin();
        state.createdAt = now.toEpochMilli();
        state.expiresAt = now.plus(ttl).toEpochMilli();
        return new Started(state, token);
    }

    /** What a state is bound to. */
    public record Binding(String tenantId, String appId, String clientId, String host, String redirectUri, String origin) {
        public Binding {
            Objects.requireNonNull(tenantId, "tenantId");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(redirectUri, "redirectUri");
            Objects.requireNonNull(origin, "origin");
        }

        public boolean sharedApp() {
            return appId == null;
        }
    }

    /** A state and the only plain copy of its value. */
    public record Started(AuthorizationState state, String token) {
        @Override
        public String toString() {
            return "Started[state=***]";
        }
    }

    public static String hashOf(String token) {
        return RandomToken.sha256Hex(token);
    }

    /**
     * Checks what the callback brings against what the state was bound to, after the state has been consumed.
     * Returns the reason it does not match, or null when it does.
     */
    public String mismatch(String browserToken, String callbackHost, Instant now) {
        if (now.toEpochMilli() >= expiresAt) {
            return "the sign-in took too long and expired; start again";
        }
        if (browserToken == null || !RandomToken.constantTimeEquals(browserHash, RandomToken.sha256Hex(browserToken))) {
            return "the sign-in was started in another browser";
        }
        if (!host.equals(callbackHost)) {
            return "the sign-in was started on another host";
        }
        return null;
    }

    public Binding binding() {
        return new Binding(tenantId, appId, clientId, host, redirectUri, origin);
    }

    public String stateHash() {
        return stateHash;
    }

    public Instant expiresAt() {
        return Instant.ofEpochMilli(expiresAt);
    }
}
