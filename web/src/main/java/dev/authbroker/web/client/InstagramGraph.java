package dev.authbroker.web.client;

import dev.authbroker.core.instagram.InstagramClient;
import dev.authbroker.core.instagram.Media;
import dev.authbroker.core.instagram.MediaPage;
import dev.authbroker.core.oauth.ProviderUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The Graph API reads of the picker, retried when Instagram is momentarily unavailable (5xx, 429, timeouts) with
 * exponential-ish backoff and jitter (MicroProfile Fault Tolerance), a bounded number of times. A {@code Retry-After}
 * is honoured by waiting it out (up to {@value #MAX_RETRY_AFTER_SECONDS} s) before the failure is handed to the
 * retry policy. Only reads are retried: they are safe to repeat; the code exchange never is.
 */
@ApplicationScoped
public class InstagramGraph {

    static final long MAX_RETRY_AFTER_SECONDS = 5;

    @Inject
    InstagramClient instagram;

    @Retry(maxRetries = 2, delay = 200, jitter = 150, maxDuration = 20_000, retryOn = ProviderUnavailableException.class)
    public MediaPage media(String accessToken, String after, int limit) {
        try {
            return instagram.media(accessToken, after, limit);
        } catch (ProviderUnavailableException e) {
            throw honourRetryAfter(e);
        }
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 150, maxDuration = 20_000, retryOn = ProviderUnavailableException.class)
    public Media mediaItem(String accessToken, String mediaId) {
        try {
            return instagram.mediaItem(accessToken, mediaId);
        } catch (ProviderUnavailableException e) {
            throw honourRetryAfter(e);
        }
    }

    private static ProviderUnavailableException honourRetryAfter(ProviderUnavailableException e) {
        Duration wait = e.retryAfter().orElse(Duration.ZERO);
        if (!wait.isZero()) {
            try {
                Thread.sleep(Math.min(wait.toMillis(), MAX_RETRY_AFTER_SECONDS * 1000));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return e;
    }
}
