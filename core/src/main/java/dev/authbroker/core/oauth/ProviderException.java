package dev.authbroker.core.oauth;

import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import java.time.Duration;
import java.util.Optional;

/**
 * A provider call failed. {@link #code()} says what the user sees: {@code provider_unavailable} (timeouts, 5xx,
 * 429 — worth retrying where retrying is safe), {@code provider_error} (the provider refused or answered nonsense),
 * {@code reconnect_required} (the token is no longer valid).
 */
public class ProviderException extends BrokerException {

    private final Duration retryAfter;

    public ProviderException(ErrorCode code, String message, Duration retryAfter) {
        super(code, message);
        this.retryAfter = retryAfter;
    }

    public ProviderException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public boolean isTransient() {
        return code() == ErrorCode.PROVIDER_UNAVAILABLE;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
