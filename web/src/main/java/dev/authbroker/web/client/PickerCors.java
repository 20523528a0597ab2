package dev.authbroker.web.client;

import dev.authbroker.core.tenant.TenantRepository;
import dev.authbroker.persistence.Database;
import dev.authbroker.web.tenancy.CurrentRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Set;

/**
 * CORS for the picker API (Fetch standard): a response names the caller's origin in
 * {@code Access-Control-Allow-Origin} only when it is one of the session's tenant's allowed origins. Preflights carry
 * no credentials, so they are answered for origins some tenant allows; the actual response then decides.
 */
@Provider
@PreMatching
public class PickerCors implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Set<String> PATHS = Set.of("client/instagram/me", "client/instagram/media", "client/instagram/logout");

    @Inject
    Database db;

    @Inject
    TenantRepository tenants;

    @Inject
    CurrentRequest current;

    private static boolean pickerPath(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return PATHS.contains(trimmed) || trimmed.startsWith("client/instagram/media/");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (!"OPTIONS".equals(request.getMethod()) || origin == null || !pickerPath(request)
                || request.getHeaderString("Access-Control-Request-Method") == null) {
            return;
        }
        Response.ResponseBuilder preflight = Response.noContent().header("Vary", "Origin");
        if (knownOrigin(origin)) {
            preflight.header("Access-Control-Allow-Origin", origin)
                    .header("Access-Control-Allow-Methods", "GET, POST")
                    .header("Access-Control-Allow-Headers", "Authorization, Content-Type")
                    .header("Access-Control-Max-Age", "600");
        }
        request.abortWith(preflight.build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || "OPTIONS".equals(request.getMethod()) || !pickerPath(request)) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.add("Vary", "Origin");
        List<String> allowed = current.allowedOrigins();
        boolean allow = allowed != null ? allowed.contains(origin) : knownOrigin(origin);
        if (allow) {
            headers.putSingle("Access-Control-Allow-Origin", origin);
            headers.putSingle("Access-Control-Expose-Headers", "Content-Length, Content-Type, Link");
        }
    }

    private boolean knownOrigin(String origin) {
        return origin.length() <= 300 && db.transaction(em -> tenants.anyTenantAllowsOrigin(origin));
    }
}
