package dev.authbroker.simulator;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization codes: bound to the client and the exact redirect URI of the dialog, valid ten minutes, and spent on
 * their first presentation at the token endpoint — even when that request fails for another reason, as Instagram does.
 * That is what makes "never retry the code exchange" observable in tests.
 */
final class Codes {

    static final long LIFETIME_SECONDS = 600;

    record Code(String clientId, String redirectUri, String userId, List<String> scopes, long expiresAt) {
    }

    /** A code as presented at the token endpoint; {@code firstUse} is false when it had been presented before. */
    record Presentation(Code code, boolean firstUse) {
    }

    private final SimulatorClock clock;
    private final Map<String, Code> issued = new ConcurrentHashMap<>();
    private final Set<String> spent = ConcurrentHashMap.newKeySet();

    Codes(SimulatorClock clock) {
        this.clock = clock;
    }

    String issue(String clientId, String redirectUri, String userId, List<String> scopes) {
        // 32 random bytes: well above the 128 bits an authorization code needs (RFC 6749 section 10.10).
        String value = RandomValues.urlSafe("AQ", 32);
        issued.put(value, new Code(clientId, redirectUri, userId, List.copyOf(scopes), clock.now() + LIFETIME_SECONDS));
        return value;
    }

    /** Spends the code and tells whether this was its first presentation; null when no such code was ever issued. */
    Presentation present(String value) {
        Code code = value == null ? null : issued.get(value);
        if (code == null) {
            return null;
        }
        // Set.add is atomic, so of two concurrent presentations exactly one is the first.
        return new Presentation(code, spent.add(value));
    }

    boolean expired(Code code) {
        return clock.now() >= code.expiresAt();
    }
}
