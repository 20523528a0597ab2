package dev.authbroker.core.tenant;

import java.util.List;
import java.util.Optional;

/** Tenants by id, API key or secret hash. */
public interface TenantRepository {

    void add(Tenant tenant);

    Optional<Tenant> find(String id);

    Optional<Tenant> findByApiKey(String apiKey);

    Optional<Tenant> findBySecretHash(String secretHash);

    List<Tenant> list(int offset, int limit);

    /** True when some tenant lists this exact origin (for CORS preflights, which carry no credentials). */
    boolean anyTenantAllowsOrigin(String origin);

    /** Removes the tenant and everything that belongs to it; call inside a transaction. */
    void delete(Tenant tenant);
}
