package dev.authbroker.core.oauth;

import dev.authbroker.core.error.ErrorCode;
import java.time.Duration;

/**
 * The provider could not answer now (timeout, dropped connection, 5xx, 429): a read may be retried, with backoff,
 * after {@link #retryAfter()} when the provider said so. Never retried for the code exchange.
 */
public class ProviderUnavailableException extends ProviderException {

    public ProviderUnavailableException(String message, Duration retryAfter) {
        super(ErrorCode.PROVIDER_UNAVAILABLE, message, retryAfter);
    }
}
