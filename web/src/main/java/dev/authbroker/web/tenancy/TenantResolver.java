package dev.authbroker.web.tenancy;

import dev.authbroker.core.domain.Hostname;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.tenant.Tenant;
import dev.authbroker.web.config.BrokerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;

/**
 * Which tenant a request is for. The platform host (from {@code authbroker.public-base-url}) serves every tenant,
 * named by {@code apikey}; a verified custom domain serves exactly its tenant (an {@code apikey} of another tenant
 * answers 404). URLs the broker hands out are built from configuration and verified domains, never from request
 * headers.
 */
@ApplicationScoped
public class TenantResolver {

    @Inject
    BrokerConfig config;

    @Inject
    Lookups lookups;

    /** A tenant and the host it is served on, with the origin under which the broker's URLs for it live. */
    public record Resolved(Tenant tenant, Hostname host, String publicOrigin, boolean customDomain) {
    }

    public Hostname platformHost() {
        return Hostname.fromHostHeader(URI.create(config.publicBaseUrl()).getAuthority())
                .orElseThrow(() -> new IllegalStateException("authbroker.public-base-url has no host"));
    }

    public String platformOrigin() {
        return config.publicBaseUrl();
    }

    public static String customDomainOrigin(String hostname) {
        return "https://" + hostname;
    }

    @Inject
    CurrentRequest current;

    /** The host the {@link HostFilter} decided this request is for. */
    public RequestHost requestHost() {
        RequestHost host = current.host();
        if (host == null) {
            throw new BrokerException(ErrorCode.NOT_FOUND, "unknown host");
        }
        return host;
    }

    /** The tenant of a browser request: the custom domain's, or the {@code apikey}'s on the platform host. */
    public Resolved resolve(RequestHost host, String apiKey) {
        Resolved resolved = resolveOptional(host, apiKey);
        if (resolved == null) {
            throw new BrokerException(ErrorCode.INVALID_REQUEST, "apikey is required");
        }
        return resolved;
    }

    /** Like {@link #resolve}, but null on the platform host without an {@code apikey} (Meta's shared-app callbacks). */
    public Resolved resolveOptional(RequestHost host, String apiKey) {
        String key = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
        if (host.customDomain()) {
            Tenant tenant = lookups.tenant(host.domain().tenantId())
                    .orElseThrow(() -> new BrokerException(ErrorCode.NOT_FOUND, "unknown host"));
            if (key != null && !key.equals(tenant.apiKey())) {
                throw new BrokerException(ErrorCode.TENANT_NOT_FOUND, "unknown apikey");
            }
            return new Resolved(tenant, host.host(), customDomainOrigin(host.domain().hostname()), true);
        }
        if (key == null) {
            return null;
        }
        Tenant tenant = lookups.tenantByApiKey(key)
                .orElseThrow(() -> new BrokerException(ErrorCode.TENANT_NOT_FOUND, "unknown apikey"));
        return new Resolved(tenant, host.host(), config.publicBaseUrl(), false);
    }
}
