package dev.authbroker.web.tenancy;

import dev.authbroker.core.domain.Hostname;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.tenant.Tenant;
import dev.authbroker.core.tenant.TenantRepository;
import dev.authbroker.persistence.Database;
import dev.authbroker.web.config.BrokerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;

/**
 * Which tenant a request is for, from its host. The platform host (from {@code authbroker.public-base-url}) serves
 * every tenant, named by {@code apikey}; any other host is unknown and answers 404 with no tenant data — never a
 * default tenant. URLs the broker hands out are built from configuration, never from request headers.
 */
@ApplicationScoped
public class TenantResolver {

    @Inject
    BrokerConfig config;

    @Inject
    Database db;

    @Inject
    TenantRepository tenants;

    /** A tenant and the host it is served on, with the origin under which the broker's URLs for it live. */
    public record Resolved(Tenant tenant, Hostname host, String publicOrigin, boolean customDomain) {
    }

    public Hostname platformHost() {
        return Hostname.fromHostHeader(URI.create(config.publicBaseUrl()).getAuthority())
                .orElseThrow(() -> new IllegalStateException("authbroker.public-base-url has no host"));
    }

    public Hostname requestHost(String hostHeader) {
        return Hostname.fromHostHeader(hostHeader)
                .orElseThrow(() -> new BrokerException(ErrorCode.NOT_FOUND, "unknown host"));
    }

    public String platformOrigin() {
        return config.publicBaseUrl();
    }

    /**
     * For Meta's callbacks: the tenant named by {@code apiKey}, else the custom domain's tenant, else null (the
     * platform host without a key, which means the shared app).
     */
    public Resolved resolveOptional(String hostHeader, String apiKey) {
        Hostname host = requestHost(hostHeader);
        if (!host.equals(platformHost())) {
            throw new BrokerException(ErrorCode.NOT_FOUND, "unknown host");
        }
        if (apiKey == null) {
            return null;
        }
        return resolve(hostHeader, apiKey);
    }

    public Resolved resolve(String hostHeader, String apiKey) {
        Hostname host = requestHost(hostHeader);
        if (!host.equals(platformHost())) {
            throw new BrokerException(ErrorCode.NOT_FOUND, "unknown host");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new BrokerException(ErrorCode.INVALID_REQUEST, "apikey is required");
        }
        Tenant tenant = db.transaction(em -> tenants.findByApiKey(apiKey.trim()))
                .orElseThrow(() -> new BrokerException(ErrorCode.TENANT_NOT_FOUND, "unknown apikey"));
        return new Resolved(tenant, host, config.publicBaseUrl(), false);
    }
}
