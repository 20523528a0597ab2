package dev.authbroker.web.edge;

import dev.authbroker.core.domain.Hostname;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.web.error.ErrorResponses;
import dev.authbroker.web.tenancy.TenantResolver;
import dev.authbroker.web.tenancy.TrustedProxies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The question a reverse proxy with on-demand TLS (Caddy's {@code on_demand_tls { ask … }}) asks before it obtains a
 * certificate for a name a client sent in SNI: 200 for the platform host and verified custom domains, 404 for
 * anything else — and 404 whatever the name for callers outside {@code authbroker.trusted-proxies}. Answered from
 * memory; the answer never names a tenant.
 */
@Path("edge")
@RequestScoped
@Tag(name = "edge")
public class EdgeResource {

    /** What a bare DNS name may hold before normalisation; ports, paths, user info and spaces are refused. */
    private static final Pattern NAME = Pattern.compile("[^\\s:/@\\[\\]\\\\?#%]{1,253}");

    @Inject
    TrustedProxies proxies;

    @Inject
    HttpServletRequest request;

    @Inject
    VerifiedHostnames verified;

    @Inject
    TenantResolver resolver;

    @GET
    @Path("certificate-allowed")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "For the TLS proxy: may a certificate be obtained for this name? 200 yes, 404 no.")
    public Response certificateAllowed(@QueryParam("domain") String domain) {
        if (!proxies.trusts(request.getRemoteAddr())) {
            return notFound();
        }
        Optional<Hostname> name = normalised(domain);
        if (name.isPresent() && (name.get().equals(resolver.platformHost()) || verified.isVerified(name.get().value()))) {
            return Response.ok("allowed\n", MediaType.TEXT_PLAIN_TYPE).header("Cache-Control", "no-store").build();
        }
        return notFound();
    }

    /** {@code domain} normalised like a Host header (lower case, one trailing dot dropped, IDN → ASCII), if it is a DNS name. */
    static Optional<Hostname> normalised(String domain) {
        if (domain == null || !NAME.matcher(domain).matches()) {
            return Optional.empty();
        }
        Optional<Hostname> name = Hostname.fromHostHeader(domain);
        if (name.isEmpty() || name.get().value().isEmpty() || name.get().value().chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return Optional.empty(); // an IPv4 literal is no DNS name
        }
        for (String label : name.get().value().split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return Optional.empty();
            }
        }
        return name;
    }

    private static Response notFound() {
        return ErrorResponses.json(ErrorCode.NOT_FOUND, "no certificate for this name");
    }
}
