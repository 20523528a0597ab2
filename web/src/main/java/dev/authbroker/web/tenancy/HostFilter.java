package dev.authbroker.web.tenancy;

import dev.authbroker.core.domain.CustomDomain;
import dev.authbroker.core.domain.Hostname;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.web.client.PopupPages;
import dev.authbroker.web.config.BrokerConfig;
import dev.authbroker.web.error.ErrorResponses;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * Decides, for every {@code /api/client/*} request, which host it is for: the {@code Host} header, or the last
 * {@code X-Forwarded-Host} value when the peer is one of {@code authbroker.trusted-proxies} (from anyone else the header
 * changes nothing). The platform host serves every tenant; a verified custom domain serves its tenant; any other
 * host answers 404 with no tenant data.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class HostFilter implements ContainerRequestFilter {

    @Inject
    BrokerConfig config;

    @Inject
    TenantResolver resolver;

    @Inject
    Lookups lookups;

    @Inject
    HttpServletRequest servletRequest;

    @Inject
    CurrentRequest current;

    @Inject
    TrustedProxies proxies;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path.startsWith("client/") || path.startsWith("/client/"))) {
            return;
        }
        Optional<Hostname> host = Hostname.fromHostHeader(effectiveHostHeader(request));
        if (host.isPresent() && host.get().equals(resolver.platformHost())) {
            current.host(new RequestHost(host.get(), null));
            return;
        }
        Optional<CustomDomain> domain = host.flatMap(h -> lookups.domain(h.value())).filter(CustomDomain::isServed);
        if (domain.isEmpty()) {
            boolean page = path.contains("/auth/open") || path.contains("/authCallback/") || path.contains("/status/");
            request.abortWith(page
                    ? PopupPages.error(404, ErrorCode.NOT_FOUND.code(), "This address does not serve any app.", null)
                    : ErrorResponses.json(ErrorCode.NOT_FOUND, "unknown host"));
            return;
        }
        current.host(new RequestHost(host.get(), domain.get()));
    }

    private String effectiveHostHeader(ContainerRequestContext request) {
        String forwarded = request.getHeaderString("X-Forwarded-Host");
        if (forwarded != null && fromTrustedProxy()) {
            // A proxy that appends keeps what the client sent in front: only the last value is the nearest proxy's.
            int comma = forwarded.lastIndexOf(',');
            return (comma < 0 ? forwarded : forwarded.substring(comma + 1)).trim();
        }
        return request.getHeaderString("Host");
    }

    private boolean fromTrustedProxy() {
        return servletRequest != null && proxies.trusts(servletRequest.getRemoteAddr());
    }
}
