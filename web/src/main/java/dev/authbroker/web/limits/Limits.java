package dev.authbroker.web.limits;

import dev.authbroker.web.config.BrokerConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The broker's rate limits, from configuration ({@code authbroker.rate-limit.*}; {@code off} disables one): sign-in
 * starts per client address, failed admin authentications per client address, domain verifications per tenant, and
 * media streams at once per picker session. Defaults are far above what a real user does.
 */
@ApplicationScoped
public class Limits {

    /** Keys tracked per limiter: a bound on memory whatever the number of addresses sending. */
    private static final int MAX_KEYS = 100_000;

    @Inject
    BrokerConfig config;

    private Optional<RateLimiter> signInStarts;
    private Optional<RateLimiter> adminFailures;
    private Optional<RateLimiter> domainVerifications;
    private ConcurrencyLimiter mediaStreams;

    @PostConstruct
    void configure() {
        signInStarts = limiter("sign-in-starts", "600/PT1M");
        adminFailures = limiter("admin-failures", "20/PT1M");
        domainVerifications = limiter("domain-verifications", "30/PT1H");
        String streams = config.rateLimit("media-streams", "8");
        try {
            int max = streams.equalsIgnoreCase("off") ? Integer.MAX_VALUE : Integer.parseInt(streams);
            mediaStreams = new ConcurrencyLimiter(max);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("authbroker.rate-limit.media-streams must be a whole number or off");
        }
    }

    private Optional<RateLimiter> limiter(String name, String fallback) {
        return RateLimit.parse("authbroker.rate-limit." + name, config.rateLimit(name, fallback))
                .map(limit -> new RateLimiter(limit, MAX_KEYS));
    }

    /** Counts a sign-in start from {@code address}; throws when over the limit. */
    public void signInStart(String address) {
        over(signInStarts, address, true, "too many sign-ins from this address; wait a moment and try again");
    }

    /** Throws when {@code address} failed admin authentication too often lately. */
    public void adminAllowed(String address) {
        over(adminFailures, address, false, "too many failed authentications from this address; wait and try again");
    }

    /** Counts a failed admin authentication from {@code address}. */
    public void adminFailed(String address) {
        adminFailures.ifPresent(l -> l.acquire(address, Instant.now()));
    }

    /** Counts a domain verification of {@code tenantId}; throws when over the limit. */
    public void domainVerification(String tenantId) {
        over(domainVerifications, tenantId, true, "too many domain verifications for this tenant; wait and try again");
    }

    /** Takes a media stream slot of the session; throws when it already streams as many as allowed. */
    public void startMediaStream(String sessionKey) {
        if (!mediaStreams.tryAcquire(sessionKey)) {
            throw new RateLimitedException("this session is already downloading as many files as allowed at once; "
                    + "retry when one finishes", Duration.ofSeconds(1));
        }
    }

    public void endMediaStream(String sessionKey) {
        mediaStreams.release(sessionKey);
    }

    private static void over(Optional<RateLimiter> limiter, String key, boolean count, String message) {
        if (limiter.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Optional<Duration> wait = count ? limiter.get().acquire(key, now) : limiter.get().blocked(key, now);
        if (wait.isPresent()) {
            throw new RateLimitedException(message, wait.get());
        }
    }
}
