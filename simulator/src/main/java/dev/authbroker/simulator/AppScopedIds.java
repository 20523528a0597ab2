package dev.authbroker.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Instagram's app-scoped user ids: one person, a different number for each app (what the code exchange answers as
 * {@code user_id} and {@code /me} as {@code id}), never the professional account id ({@code /me}'s {@code user_id},
 * the same for every app, starting 1784). Derived here from the app and the account, so they are stable across
 * simulator restarts: 17 digits starting with 2, like the ones Meta hands out.
 */
final class AppScopedIds {

    private AppScopedIds() {
    }

    static String of(String clientId, String accountId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((clientId + "/" + accountId).getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (digest[i] & 0xff);
            }
            return "2" + String.format("%016d", Long.remainderUnsigned(bits, 10_000_000_000_000_000L));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
