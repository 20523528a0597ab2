package dev.authbroker.core.authorization;

import dev.authbroker.core.crypto.RandomToken;
import dev.authbroker.core.crypto.SecretBox;
import dev.authbroker.core.crypto.SecretBoxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A pending authorization request (RFC 6749 §4.1.1 {@code state}, RFC 9700 §4.7), carried by the state value itself:
 * everything the callback needs — tenant, app, host, redirect URI, picker origin, the hash of the browser cookie and
 * the expiry — sealed with AES-256-GCM under a key derived for states ({@link #KEY_PURPOSE}). Nothing is stored
 * when a sign-in starts, so the start costs no database write and anyone calling it in a loop fills no table; the
 * callback reads nothing of the flow from its own request. Single use is enforced when the state is spent (see
 * {@link AuthorizationStateRepository#spend}).
 */
public final class AuthorizationState {

    /** The associated data of the sealed value: a state cannot pass for any other sealed secret, nor one for it. */
    static final String SEAL_CONTEXT = "authorization_state";
    /**
     * States are sealed with a key of their own, derived from the broker's keys ({@link SecretBox#derive}): anyone may
     * start sign-ins, so nobody gets unlimited encryptions under the key of stored tokens.
     */
    public static final String KEY_PURPOSE = "authorization-state";
    private static final String FORMAT = "s1";
    private static final int NONCE_BYTES = 16;
    /** A state longer than this is not one of ours (ours are about 400 characters). */
    public static final int MAX_LENGTH = 2048;

    private final Binding binding;
    private final String browserHash;
    private final long expiresAt;
    private final String nonce;

    private AuthorizationState(Binding binding, String browserHash, long expiresAt, String nonce) {
        this.binding = binding;
        this.browserHash = browserHash;
        this.expiresAt = expiresAt;
        this.nonce = nonce;
    }

    /** A new state for this binding; the token is what goes to Instagram and comes back. */
    public static Started start(Binding binding, String browserToken, Instant now, Duration ttl, SecretBox box) {
        Objects.requireNonNull(binding, "binding");
        AuthorizationState state = new AuthorizationState(binding,
                RandomToken.sha256Hex(Objects.requireNonNull(browserToken, "browserToken")),
                now.plus(ttl).toEpochMilli(), RandomToken.create("", NONCE_BYTES));
        return new Started(state, box.seal(state.serialize(), SEAL_CONTEXT));
    }

    /** The state this token carries, or empty when it was not sealed by this broker (forged, altered, truncated). */
    public static Optional<AuthorizationState> open(String token, SecretBox box) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            return parse(box.open(token, SEAL_CONTEXT));
        } catch (SecretBoxException e) {
            return Optional.empty();
        }
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

    /** A state and its sealed value. */
    public record Started(AuthorizationState state, String token) {
        @Override
        public String toString() {
            return "Started[state=***]";
        }
    }

    /**
     * Checks what the callback brings against what the state was bound to. Returns the reason it does not match, or
     * null when it does.
     */
    public String mismatch(String browserToken, String callbackHost, Instant now) {
        if (now.toEpochMilli() >= expiresAt) {
            return "the sign-in took too long and expired; start again";
        }
        if (browserToken == null || !RandomToken.constantTimeEquals(browserHash, RandomToken.sha256Hex(browserToken))) {
            return "the sign-in was started in another browser";
        }
        if (!binding.host().equals(callbackHost)) {
            return "the sign-in was started on another host";
        }
        return null;
    }

    public Binding binding() {
        return binding;
    }

    /** The key under which spending this state is recorded: the SHA-256 of its random nonce. */
    public String spendKey() {
        return RandomToken.sha256Hex(nonce);
    }

    public Instant expiresAt() {
        return Instant.ofEpochMilli(expiresAt);
    }

    private String serialize() {
        return String.join("\n", FORMAT, encode(binding.tenantId()), encode(binding.appId() == null ? "" : binding.appId()),
                encode(binding.clientId()), encode(binding.host()), encode(binding.redirectUri()), encode(binding.origin()),
                browserHash, Long.toString(expiresAt), nonce);
    }

    private static Optional<AuthorizationState> parse(String plain) {
        String[] f = plain.split("\n", -1);
        if (f.length != 10 || !FORMAT.equals(f[0])) {
            return Optional.empty();
        }
        try {
            String appId = decode(f[2]);
            Binding binding = new Binding(decode(f[1]), appId.isEmpty() ? null : appId, decode(f[3]), decode(f[4]),
                    decode(f[5]), decode(f[6]));
            return Optional.of(new AuthorizationState(binding, f[7], Long.parseLong(f[8]), f[9]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "AuthorizationState[tenant=" + binding.tenantId() + ", host=" + binding.host() + ", expiresAt=" + expiresAt() + "]";
    }
}
