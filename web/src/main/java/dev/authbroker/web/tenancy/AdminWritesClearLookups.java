package dev.authbroker.web.tenancy;

import dev.authbroker.web.edge.VerifiedHostnames;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * After any admin request that may have changed a tenant, app or domain, the {@link Lookups} start over, and after
 * one that may have changed a domain, the edge's {@link VerifiedHostnames} are read again.
 */
@Provider
public class AdminWritesClearLookups implements ContainerResponseFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern TENANT = Pattern.compile("/?admin/tenants/[^/]+/?");

    @Inject
    Lookups lookups;

    @Inject
    VerifiedHostnames verified;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!READS.contains(request.getMethod()) && (path.startsWith("admin/") || path.startsWith("/admin/"))) {
            lookups.clear();
            if (path.contains("/domains") || ("DELETE".equals(request.getMethod()) && TENANT.matcher(path).matches())) {
                verified.reload(); // a domain verified or removed, or a tenant deleted with its domains
            }
        }
    }
}
