package dev.authbroker.web.admin;

import dev.authbroker.core.connection.Connection;
import dev.authbroker.core.connection.ConnectionRepository;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.json.JsonTools;
import dev.authbroker.persistence.Database;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/admin/tenants/{id}/connections}: who is connected, without tokens; disconnecting deletes our copy. */
@Path("admin/tenants/{id}/connections")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
public class ConnectionsResource {

    @Inject
    AdminAuthenticator authenticator;

    @Inject
    TenantAccess access;

    @Inject
    Database db;

    @Inject
    ConnectionRepository connections;

    @HeaderParam(HttpHeaders.AUTHORIZATION)
    String authorization;

    @GET
    @Operation(summary = "The tenant's connections (no tokens).")
    public Response list(@PathParam("id") String id, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        AdminCaller caller = authenticator.authenticate(authorization);
        Paging paging = Paging.of(offset, limit, 200);
        JsonArrayBuilder out = JsonTools.array();
        db.transaction(em -> {
            access.visible(caller, id);
            return connections.forTenant(id, paging.offset(), paging.limit());
        }).forEach(c -> out.add(representation(c)));
        return Response.ok(out.build()).build();
    }

    @DELETE
    @Path("{connectionId}")
    @Operation(summary = "Disconnect: the connection and its picker sessions are deleted.")
    public Response delete(@PathParam("id") String id, @PathParam("connectionId") String connectionId) {
        AdminCaller caller = authenticator.authenticate(authorization);
        db.run(() -> {
            access.changeable(caller, id);
            Connection connection = connections.find(connectionId).filter(c -> c.tenantId().equals(id))
                    .orElseThrow(() -> new BrokerException(ErrorCode.NOT_FOUND, "this tenant has no such connection"));
            connections.delete(connection);
            access.record(caller, id, "connection.removed", "connection=" + connectionId);
        });
        return Response.noContent().build();
    }

    private static JsonObjectBuilder representation(Connection c) {
        JsonObjectBuilder b = JsonTools.object()
                .add("id", c.id())
                .add("provider", c.provider())
                .add("providerUserId", c.providerUserId())
                // Instagram's two ids of the user: the professional account id (the same for every app) and the id
                // for the minting app only (null until the backfill reads it for connections made before 2026-12)
                .add("accountId", c.providerUserId())
                .add("app", c.sharedApp() ? "shared" : "custom")
                .add("clientId", c.clientId())
                .add("status", c.status().name().toLowerCase(Locale.ROOT))
                .add("createdAt", c.createdAt().toString())
                .add("updatedAt", c.updatedAt().toString())
                .add("tokenExpiresAt", c.tokenExpiresAt().toString());
        if (c.appScopedId() == null) {
            b.addNull("appScopedId");
        } else {
            b.add("appScopedId", c.appScopedId());
        }
        if (c.username() == null) {
            b.addNull("username");
        } else {
            b.add("username", c.username());
        }
        return b;
    }
}
