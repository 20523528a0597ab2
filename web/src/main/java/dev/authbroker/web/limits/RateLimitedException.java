package dev.authbroker.web.limits;

import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import java.time.Duration;

/** Over a limit: 429 {@code rate_limited}, with {@code Retry-After} in whole seconds. */
public class RateLimitedException extends BrokerException {

    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, message);
        this.retryAfter = retryAfter;
    }

    /** Seconds to wait, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
