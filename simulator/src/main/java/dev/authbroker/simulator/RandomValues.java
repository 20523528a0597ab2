package dev.authbroker.simulator;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable values for codes and tokens. They come from SecureRandom, like the real ones, so a broker that leaked or
 * guessed them could not pass tests by luck, and canary searches for them in logs are meaningful.
 */
final class RandomValues {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomValues() {
    }

    /** The prefix followed by the URL-safe base64 (no padding) of {@code bytes} random bytes. */
    static String urlSafe(String prefix, int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
