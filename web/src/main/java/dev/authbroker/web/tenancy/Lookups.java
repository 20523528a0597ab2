package dev.authbroker.web.tenancy;

import dev.authbroker.core.app.ProviderApp;
import dev.authbroker.core.app.ProviderAppRepository;
import dev.authbroker.core.domain.CustomDomain;
import dev.authbroker.core.domain.CustomDomainRepository;
import dev.authbroker.core.tenant.Tenant;
import dev.authbroker.core.tenant.TenantRepository;
import dev.authbroker.persistence.Database;
import dev.authbroker.web.config.BrokerConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The reads on the unauthenticated hot path — host → custom domain, apikey or id → tenant, tenant → Custom Auth app
 * — served from memory for {@code authbroker.cache-ttl} (default 5 s; {@code PT0S} turns it off). An admin write
 * forgets what it changed, on this broker at once and on every other broker sharing a PostgreSQL database through
 * the {@link ChangeFeed}; a change notice that never arrived is made good by the TTL. Values are detached and only read. Connections, sessions, spent
 * states and the verifying app of Meta's callbacks are always read from the database.
 */
@ApplicationScoped
public class Lookups {

    static final int MAX_ENTRIES = 10_000;
    /** Per cache, estimated bytes of keys and values: keys come from requests, a tenant may hold 50 origins. */
    static final long MAX_WEIGHT = 16L * 1024 * 1024;
    /** API keys are {@code pk_} and 24 characters; anything much longer is not looked up at all. */
    static final int MAX_API_KEY_LENGTH = 64;

    @Inject
    BrokerConfig config;

    @Inject
    Database db;

    @Inject
    TenantRepository tenants;

    @Inject
    ProviderAppRepository apps;

    @Inject
    CustomDomainRepository domains;

    private ExpiringCache<String, Optional<Tenant>> tenantsByApiKey;
    private ExpiringCache<String, Optional<Tenant>> tenantsById;
    private ExpiringCache<String, Optional<CustomDomain>> domainsByHost;
    private ExpiringCache<String, Optional<ProviderApp>> appsByTenant;

    @PostConstruct
    void init() {
        long ttl = config.cacheTtl().toNanos();
        tenantsByApiKey = new ExpiringCache<>(ttl, MAX_ENTRIES, MAX_WEIGHT, Lookups::tenantWeight, System::nanoTime);
        tenantsById = new ExpiringCache<>(ttl, MAX_ENTRIES, MAX_WEIGHT, Lookups::tenantWeight, System::nanoTime);
        domainsByHost = new ExpiringCache<>(ttl, MAX_ENTRIES, MAX_WEIGHT, (k, v) -> 2L * k.length() + 400, System::nanoTime);
        appsByTenant = new ExpiringCache<>(ttl, MAX_ENTRIES, MAX_WEIGHT, (k, v) -> 2L * k.length() + 800, System::nanoTime);
    }

    private static long tenantWeight(String key, Optional<Tenant> tenant) {
        long origins = tenant.map(t -> t.origins().stream().mapToLong(o -> 2L * o.length() + 48).sum()).orElse(0L);
        return 2L * key.length() + origins + tenant.map(t -> 2L * t.name().length() + 600).orElse(16L);
    }

    public Optional<Tenant> tenantByApiKey(String apiKey) {
        if (apiKey == null || apiKey.length() > MAX_API_KEY_LENGTH) {
            return Optional.empty();
        }
        return tenantsByApiKey.get(apiKey, key -> db.transaction(em -> tenants.findByApiKey(key)));
    }

    public Optional<Tenant> tenant(String id) {
        return tenantsById.get(id, key -> db.transaction(em -> tenants.find(key)));
    }

    public Optional<CustomDomain> domain(String hostname) {
        return domainsByHost.get(hostname, key -> db.transaction(em -> domains.find(key)));
    }

    /** The tenant's Custom Auth app for {@code instagram}. */
    public Optional<ProviderApp> instagramApp(String tenantId) {
        return appsByTenant.get(tenantId, key -> db.transaction(em -> apps.find(key, "instagram")));
    }

    /** Forgets everything about one tenant: by id, by API key, its Custom Auth app and its domains. */
    public void forgetTenant(String tenantId) {
        tenantsById.remove(tenantId);
        appsByTenant.remove(tenantId);
        tenantsByApiKey.removeIf((key, tenant) -> tenant.map(t -> t.id().equals(tenantId)).orElse(false));
        domainsByHost.removeIf((key, domain) -> domain.map(d -> d.tenantId().equals(tenantId)).orElse(false));
    }

    /** Forgets every host name, found or not: a domain was claimed, verified, suspended, restored or removed. */
    public void forgetDomains() {
        domainsByHost.clear();
    }

    public void clear() {
        tenantsByApiKey.clear();
        tenantsById.clear();
        domainsByHost.clear();
        appsByTenant.clear();
    }
}
