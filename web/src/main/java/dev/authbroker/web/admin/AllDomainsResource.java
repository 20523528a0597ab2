package dev.authbroker.web.admin;

import dev.authbroker.core.domain.CustomDomain;
import dev.authbroker.core.domain.CustomDomainRepository;
import dev.authbroker.core.domain.DomainStatus;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.json.JsonTools;
import dev.authbroker.persistence.Database;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/admin/domains}: every tenant's domains, a page at a time in host name order, for tools that obtain
 * certificates ahead of time (cert-manager, scripts). Operator only.
 */
@Path("admin/domains")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
public class AllDomainsResource {

    @Inject
    AdminAuthenticator authenticator;

    @Inject
    Database db;

    @Inject
    CustomDomainRepository domains;

    @HeaderParam(HttpHeaders.AUTHORIZATION)
    String authorization;

    @GET
    @Operation(summary = "Every tenant's domains (operator only): ?status=pending|verified|suspended&after=cursor&limit=n")
    public Response list(@QueryParam("status") String status, @QueryParam("after") String after,
                         @QueryParam("limit") String limit) {
        if (!authenticator.authenticate(authorization).isOperator()) {
            throw new BrokerException(ErrorCode.FORBIDDEN, "only the operator may list every tenant's domains");
        }
        DomainStatus wanted = status(status);
        int size = Paging.number(limit, "limit", 100, 1, 1000);
        if (after != null && after.length() > 253) {
            throw new BrokerException(ErrorCode.INVALID_REQUEST, "after must be a cursor from a previous page");
        }
        List<CustomDomain> page = db.transaction(em -> domains.page(wanted, after, size));
        JsonArrayBuilder items = JsonTools.array();
        for (CustomDomain d : page) {
            JsonObjectBuilder item = JsonTools.object().add("hostname", d.hostname()).add("tenantId", d.tenantId())
                    .add("status", d.statusName());
            if (d.verifiedAt() == null) {
                item.addNull("verifiedAt");
            } else {
                item.add("verifiedAt", d.verifiedAt().toString());
            }
            items.add(item);
        }
        JsonValue next = page.size() < size ? JsonValue.NULL : JsonTools.value(page.get(page.size() - 1).hostname());
        return Response.ok(JsonTools.object().add("items", items).add("next", next).build())
                .header("Cache-Control", "no-store").build();
    }

    private static DomainStatus status(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "pending" -> DomainStatus.PENDING;
            case "verified" -> DomainStatus.VERIFIED;
            case "suspended" -> DomainStatus.SUSPENDED;
            default -> throw new BrokerException(ErrorCode.INVALID_REQUEST, "status must be pending, verified or suspended");
        };
    }
}
