package dev.authbroker.web.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The broker's runtime configuration, read through MicroProfile Config (system properties, environment variables
 * such as {@code AUTHBROKER_ADMIN_TOKEN}, {@code microprofile-config.properties}). Keys and defaults are those of
 * PRODUCT.md; values are read when asked, so nothing here caches a secret in a field.
 */
@ApplicationScoped
public class BrokerConfig {

    static final String PREFIX = "authbroker.";

    @Inject
    Config config;

    private String string(String key, String fallback) {
        return config.getOptionalValue(PREFIX + key, String.class).map(String::trim).filter(s -> !s.isEmpty()).orElse(fallback);
    }

    private Optional<String> optional(String key) {
        return config.getOptionalValue(PREFIX + key, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    public String publicBaseUrl() {
        String url = string("public-base-url", "http://localhost:8080");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public Optional<String> adminToken() {
        return optional("admin-token");
    }

    /** The shortest operator token accepted: anything shorter is guessable by those who may try it. */
    public static final int MIN_ADMIN_TOKEN_LENGTH = 32;

    /** Refuses to start with an operator token shorter than {@link #MIN_ADMIN_TOKEN_LENGTH} characters. */
    public void requireStrongAdminToken() {
        adminToken().filter(token -> token.length() < MIN_ADMIN_TOKEN_LENGTH).ifPresent(token -> {
            throw new IllegalStateException("authbroker.admin-token must be at least " + MIN_ADMIN_TOKEN_LENGTH
                    + " characters (it has " + token.length() + "); e.g. head -c 32 /dev/urandom | base64");
        });
    }

    /** {@code authbroker.rate-limit.NAME}: {@code COUNT/DURATION} or {@code off}. */
    public String rateLimit(String name, String fallback) {
        return string("rate-limit." + name, fallback);
    }

    public Optional<String> secretKeys() {
        return optional("secrets.keys");
    }

    public Optional<String> activeSecretKey() {
        return optional("secrets.active-key");
    }

    /** Set only by the README's run command: allows a generated development encryption key under the data dir. */
    public boolean devMode() {
        return Boolean.parseBoolean(string("dev-mode", "false"));
    }

    public String dataDir() {
        return string("data-dir", "./data");
    }

    public String dbUrl() {
        return string("db.url", "jdbc:h2:file:" + dataDir() + "/authbroker");
    }

    public String dbUser() {
        return string("db.user", "sa");
    }

    public String dbPassword() {
        return string("db.password", "");
    }

    public int dbMaxConnections() {
        return Integer.parseInt(string("db.max-connections", "16"));
    }

    public Optional<String> instagramClientId() {
        return optional("instagram.client-id");
    }

    public Optional<String> instagramClientSecret() {
        return optional("instagram.client-secret");
    }

    public String instagramAuthorizeUrl() {
        return string("instagram.authorize-url", "https://www.instagram.com/oauth/authorize");
    }

    public String instagramTokenUrl() {
        return string("instagram.token-url", "https://api.instagram.com/oauth/access_token");
    }

    public String instagramGraphUrl() {
        String url = string("instagram.graph-url", "https://graph.instagram.com");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public List<String> instagramScopes() {
        return list(string("instagram.scopes", "instagram_business_basic"));
    }

    public List<String> mediaHosts() {
        return list(string("instagram.media-hosts", "cdninstagram.com,fbcdn.net"));
    }

    /** Media hosts that may be fetched over plain http (the simulator); production leaves this empty. */
    public List<String> mediaHostsInsecure() {
        return list(string("instagram.media-hosts-insecure", ""));
    }

    public long mediaMaxBytes() {
        return Long.parseLong(string("instagram.media-max-bytes", Long.toString(100L * 1024 * 1024)));
    }

    public Duration connectTimeout() {
        return Duration.parse(string("instagram.connect-timeout", "PT5S"));
    }

    public Duration readTimeout() {
        return Duration.parse(string("instagram.read-timeout", "PT10S"));
    }

    /** A long-lived token is refreshed once it expires within this window (and is at least 24 h old). */
    public Duration refreshWindow() {
        return Duration.parse(string("instagram.refresh-window", "P7D"));
    }

    /** How often the proactive refresh job runs; it refreshes at most {@link #refreshBatch()} tokens a run. */
    public Duration refreshInterval() {
        return Duration.parse(string("instagram.refresh-interval", "PT1H"));
    }

    /** How often connections stored without an app-scoped id are completed from /me (a bounded batch a run). */
    public Duration backfillInterval() {
        return Duration.parse(string("instagram.backfill-interval", "PT10S"));
    }

    /**
     * How long a broker's hold on a periodic job lasts without renewal (renewed every third of it while the broker
     * runs): the time another broker sharing the database waits before taking over the jobs of one that died.
     */
    public Duration jobLeaseTtl() {
        Duration ttl = Duration.parse(string("jobs.lease-ttl", "PT30S"));
        if (ttl.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalStateException("authbroker.jobs.lease-ttl must be at least PT3S");
        }
        return ttl;
    }

    public int refreshBatch() {
        return Integer.parseInt(string("instagram.refresh-batch", "100"));
    }

    /** How long tenants, domains and Custom Auth apps read on the sign-in path are reused (see {@code Lookups}). */
    public Duration cacheTtl() {
        return Duration.parse(string("cache-ttl", "PT5S"));
    }

    public Duration stateTtl() {
        return Duration.parse(string("state-ttl", "PT10M"));
    }

    public Duration sessionTtl() {
        return Duration.parse(string("session-ttl", "PT12H"));
    }

    public Optional<String> dnsServer() {
        return optional("dns.server");
    }

    public Duration dnsTimeout() {
        return Duration.parse(string("dns.timeout", "PT2S"));
    }

    /** How often verified domains' TXT records are checked again. */
    public Duration domainRecheckInterval() {
        return Duration.parse(string("domains.recheck-interval", "PT1H"));
    }

    /** How long a verified domain's record may be missing before the domain is suspended. */
    /** How long a domain claim may stay unverified before it lapses and no longer holds the name. */
    public Duration domainPendingTtl() {
        return Duration.parse(string("domains.pending-ttl", "P7D"));
    }

    /** DNS lookups at once while re-checking domains. */
    public int domainRecheckConcurrency() {
        return Integer.parseInt(string("domains.recheck-concurrency", "16"));
    }

    public Duration domainGrace() {
        return Duration.parse(string("domains.grace", "P3D"));
    }

    public List<String> trustedProxies() {
        return list(string("trusted-proxies", ""));
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
