package dev.authbroker.web.admin;

import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;

/**
 * Offset and limit query parameters, read as text so that {@code limit=abc} answers 400 with a reason instead of
 * JAX-RS's conversion failure (a bare 404).
 */
record Paging(int offset, int limit) {

    static Paging of(String offset, String limit, int defaultLimit) {
        return new Paging(number(offset, "offset", 0, 0, Integer.MAX_VALUE), number(limit, "limit", defaultLimit, 1, 1000));
    }

    static int number(String raw, String name, int fallback, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new BrokerException(ErrorCode.INVALID_REQUEST, name + " must be a whole number from " + min + " to " + max);
    }
}
