package dev.authbroker.simulator;

import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Access tokens: short-lived ones (one hour) from the code exchange, long-lived ones (60 days by default) from the
 * exchange or a refresh. A token is valid until it expires or a test invalidates it (standing in for the person
 * removing the app or changing their password).
 */
final class Tokens {

    static final long SHORT_LIVED_SECONDS = 3600;
    static final long REFRESHABLE_AFTER_SECONDS = 24 * 3600;

    enum Kind { SHORT_LIVED, LONG_LIVED }

    record Token(Kind kind, String clientId, String userId, long issuedAt, long expiresAt) {

        long expiresIn() {
            return expiresAt - issuedAt;
        }
    }

    /** What a presented token turned out to be; {@code token} is set unless it is {@link Status#UNKNOWN}. */
    record Lookup(Status status, Token token) {

        boolean valid() {
            return status == Status.VALID;
        }
    }

    enum Status { VALID, UNKNOWN, EXPIRED, INVALIDATED }

    private final SimulatorClock clock;
    private final Map<String, Token> byValue = new ConcurrentHashMap<>();
    private final Set<String> invalidated = ConcurrentHashMap.newKeySet();
    // A queue rather than a single slot: a test may ask for a canary short-lived token and a canary long-lived token
    // before one sign-in, and each issued token takes the next value.
    private final Queue<String> nextValues = new ConcurrentLinkedQueue<>();
    private final AtomicLong longLivedSeconds = new AtomicLong(5_184_000);

    Tokens(SimulatorClock clock) {
        this.clock = clock;
    }

    String issueShortLived(String clientId, String userId) {
        return store(nextValue("IGQ"), Kind.SHORT_LIVED, clientId, userId, clock.now(), SHORT_LIVED_SECONDS);
    }

    String issueLongLived(String clientId, String userId) {
        return store(nextValue("IGAA"), Kind.LONG_LIVED, clientId, userId, clock.now(), longLivedSeconds.get());
    }

    /** A long-lived token as if issued {@code ageSeconds} ago; it never takes a queued canary value. */
    String issueLongLivedAged(String clientId, String userId, long ageSeconds, long expiresInSeconds) {
        long issuedAt = clock.now() - ageSeconds;
        return store(RandomValues.urlSafe("IGAA", 32), Kind.LONG_LIVED, clientId, userId, issuedAt,
                ageSeconds + expiresInSeconds);
    }

    Lookup lookup(String value) {
        Token token = value == null ? null : byValue.get(value);
        if (token == null) {
            return new Lookup(Status.UNKNOWN, null);
        }
        if (invalidated.contains(value)) {
            return new Lookup(Status.INVALIDATED, token);
        }
        if (clock.now() >= token.expiresAt()) {
            return new Lookup(Status.EXPIRED, token);
        }
        return new Lookup(Status.VALID, token);
    }

    boolean refreshable(Token token) {
        return clock.now() - token.issuedAt() >= REFRESHABLE_AFTER_SECONDS;
    }

    void queueNextValue(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a token value must not be empty");
        }
        nextValues.add(value);
    }

    void setLongLivedSeconds(long seconds) {
        if (seconds <= 0) {
            throw new IllegalArgumentException("expires_in must be positive");
        }
        longLivedSeconds.set(seconds);
    }

    void invalidate(String value) {
        invalidated.add(value);
    }

    private String nextValue(String prefix) {
        String queued = nextValues.poll();
        return queued != null ? queued : RandomValues.urlSafe(prefix, 32);
    }

    private String store(String value, Kind kind, String clientId, String userId, long issuedAt, long lifetime) {
        byValue.put(value, new Token(kind, clientId, userId, issuedAt, issuedAt + lifetime));
        // A reissued canary value must be valid again even if an earlier token with the same value was invalidated.
        invalidated.remove(value);
        return value;
    }
}
