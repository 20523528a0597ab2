package dev.authbroker.web.tenancy;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * After any admin request that may have changed a tenant, app or domain, every broker forgets what it may have
 * changed ({@link ChangeFeed}): the tenant named in the path; the served host names after a domain write or a tenant's
 * deletion; everything after a key operation. Creating a tenant changes nothing cached: its id and key are new.
 */
@Provider
public class AdminWritesClearLookups implements ContainerResponseFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern TENANT_PATH = Pattern.compile("/?admin/tenants/([^/]+)(/.*)?");
    private static final Pattern TENANTS = Pattern.compile("/?admin/tenants/?");

    @Inject
    ChangeFeed changes;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (READS.contains(request.getMethod()) || !(path.startsWith("admin/") || path.startsWith("/admin/"))
                || response.getStatus() >= 400 && response.getStatus() != 409) {
            return;
        }
        Matcher tenant = TENANT_PATH.matcher(path);
        if (tenant.matches()) {
            changes.tenantChanged(tenant.group(1));
            String below = tenant.group(2) == null || "/".equals(tenant.group(2)) ? "" : tenant.group(2);
            if (below.startsWith("/domains") || below.isEmpty() && "DELETE".equals(request.getMethod())) {
                changes.domainsChanged(); // a domain claimed, verified or removed, or a tenant deleted with its domains
            }
        } else if (!TENANTS.matcher(path).matches()) {
            changes.everythingChanged();
        }
    }
}
