package dev.authbroker.web.admin;

import dev.authbroker.core.app.ClientCredentials;
import dev.authbroker.core.app.ProviderApp;
import dev.authbroker.core.app.ProviderAppRepository;
import dev.authbroker.core.audit.AuditEvent;
import dev.authbroker.core.audit.AuditLog;
import dev.authbroker.core.connection.ConnectionRepository;
import dev.authbroker.core.crypto.SecretBox;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.json.JsonTools;
import dev.authbroker.core.tenant.Origin;
import dev.authbroker.core.tenant.Tenant;
import dev.authbroker.core.tenant.TenantRepository;
import dev.authbroker.persistence.Database;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/admin/tenants}: tenants, their Custom Auth app and their audit trail. */
@Path("admin/tenants")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
public class TenantsResource {

    static final String INSTAGRAM = "instagram";

    @Inject
    AdminAuthenticator authenticator;

    @Inject
    Database db;

    @Inject
    TenantRepository tenants;

    @Inject
    ProviderAppRepository apps;

    @Inject
    AuditLog audit;

    @Inject
    ConnectionRepository connections;

    @Inject
    SecretBox secretBox;

    @Inject
    TenantAccess access;

    @HeaderParam(HttpHeaders.AUTHORIZATION)
    String authorization;

    @HeaderParam(HttpHeaders.CONTENT_TYPE)
    String contentType;

    @POST
    @Operation(summary = "Create a tenant (operator). The answer is the only time its secret is shown.")
    public Response create(InputStream body) {
        AdminCaller caller = operator();
        JsonBody json = JsonBody.read(contentType, body, Set.of("name", "origins"));
        String name = json.requiredString("name");
        List<Origin> origins = json.optionalStringList("origins").orElse(List.of()).stream().map(Origin::parse).toList();
        Tenant.Created created = Tenant.create(name, origins, Instant.now());
        db.run(() -> {
            tenants.add(created.tenant());
            record(caller, created.tenant().id(), "tenant.created", "origins=" + created.tenant().origins().size());
        });
        return Response.status(Response.Status.CREATED)
                .header("Cache-Control", "no-store")
                .entity(Representations.tenant(created.tenant()).add("secret", created.secret()).build())
                .build();
    }

    @GET
    @Operation(summary = "List tenants (operator), oldest first.")
    public Response list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        operator();
        Paging paging = Paging.of(offset, limit, 100);
        JsonArrayBuilder out = JsonTools.array();
        db.transaction(em -> tenants.list(paging.offset(), paging.limit())).forEach(t -> out.add(Representations.tenant(t)));
        return Response.ok(out.build()).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One tenant.")
    public Response get(@PathParam("id") String id) {
        AdminCaller caller = authenticator.authenticate(authorization);
        return Response.ok(Representations.tenant(db.transaction(em -> visible(caller, id))).build()).build();
    }

    @PATCH
    @Path("{id}")
    @Operation(summary = "Change name, origins or (operator only) status (active | disabled).")
    public Response patch(@PathParam("id") String id, InputStream body) {
        AdminCaller caller = authenticator.authenticate(authorization);
        db.transaction(em -> visible(caller, id));
        JsonBody json = JsonBody.read(contentType, body, Set.of("name", "origins", "status"));
        if (json.has("status") && !caller.isOperator()) {
            throw new BrokerException(ErrorCode.FORBIDDEN, "only the operator can change a tenant's status");
        }
        Tenant updated = db.transaction(em -> {
            Tenant tenant = changeable(caller, id);
            Instant now = Instant.now();
            json.optionalString("name").ifPresent(name -> tenant.rename(name, now));
            json.optionalStringList("origins").ifPresent(list ->
                    tenant.replaceOrigins(list.stream().map(Origin::parse).toList(), now));
            json.optionalString("status").ifPresent(status -> {
                switch (status) {
                    case "active" -> tenant.enable(now);
                    case "disabled" -> tenant.disable(now);
                    default -> throw new BrokerException(ErrorCode.INVALID_REQUEST, "status must be 'active' or 'disabled'");
                }
            });
            record(caller, id, "tenant.updated", "fields=" + String.join(",", fields(json)));
            return tenant;
        });
        return Response.ok(Representations.tenant(updated).build()).build();
    }

    private static List<String> fields(JsonBody json) {
        return Stream.of("name", "origins", "status").filter(json::has).toList();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a tenant and everything it owns, in one transaction.")
    public Response delete(@PathParam("id") String id) {
        AdminCaller caller = authenticator.authenticate(authorization);
        db.run(() -> {
            Tenant tenant = changeable(caller, id);
            tenants.delete(tenant);
            audit.record(new AuditEvent(null, caller.auditName(), "tenant.deleted", "tenant=" + id, Instant.now()));
        });
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/secret")
    @Operation(summary = "Issue a new tenant secret; the old one stops working at once.")
    public Response rotateSecret(@PathParam("id") String id) {
        AdminCaller caller = authenticator.authenticate(authorization);
        String secret = db.transaction(em -> {
            Tenant tenant = changeable(caller, id);
            String fresh = tenant.rotateSecret(Instant.now());
            record(caller, id, "tenant.secret_rotated", null);
            return fresh;
        });
        return Response.ok(JsonTools.object().add("id", id).add("secret", secret).build())
                .header("Cache-Control", "no-store").build();
    }

    @PUT
    @Path("{id}/apps/instagram")
    @Operation(summary = "Set the tenant's own Instagram app (Custom Auth). The secret is write-only.")
    public Response putApp(@PathParam("id") String id, InputStream body) {
        AdminCaller caller = authenticator.authenticate(authorization);
        db.transaction(em -> changeable(caller, id));
        JsonBody json = JsonBody.read(contentType, body, Set.of("clientId", "clientSecret"));
        ClientCredentials credentials = ProviderApp.validCredentials(
                json.requiredString("clientId"), json.requiredString("clientSecret"));
        ProviderApp saved = db.transaction(em -> {
            changeable(caller, id);
            Instant now = Instant.now();
            ProviderApp app = apps.find(id, INSTAGRAM).orElse(null);
            if (app == null) {
                app = ProviderApp.create(id, INSTAGRAM, credentials, secretBox, now);
                apps.add(app);
            } else {
                String previous = app.clientId();
                app.replaceCredentials(credentials, secretBox, now);
                if (!previous.equals(credentials.clientId())) {
                    removeConnectionsOf(caller, id, previous);
                }
            }
            record(caller, id, "app.instagram.set", "clientId=" + credentials.clientId());
            return app;
        });
        return Response.ok(Representations.app(saved)).build();
    }

    @GET
    @Path("{id}/apps/instagram")
    @Operation(summary = "The tenant's Custom Auth app, without its secret; 404 when the shared app is used.")
    public Response getApp(@PathParam("id") String id) {
        AdminCaller caller = authenticator.authenticate(authorization);
        ProviderApp app = db.transaction(em -> {
            visible(caller, id);
            return apps.find(id, INSTAGRAM).orElseThrow(() -> new BrokerException(ErrorCode.NOT_FOUND,
                    "no Custom Auth app for instagram: this tenant uses the shared app"));
        });
        return Response.ok(Representations.app(app)).build();
    }

    @DELETE
    @Path("{id}/apps/instagram")
    @Operation(summary = "Remove Custom Auth: the tenant returns to the shared app.")
    public Response deleteApp(@PathParam("id") String id) {
        AdminCaller caller = authenticator.authenticate(authorization);
        db.run(() -> {
            changeable(caller, id);
            ProviderApp app = apps.find(id, INSTAGRAM).orElseThrow(() -> new BrokerException(ErrorCode.NOT_FOUND,
                    "no Custom Auth app for instagram"));
            removeConnectionsOf(caller, id, app.clientId());
            apps.delete(app);
            record(caller, id, "app.instagram.removed", "clientId=" + app.clientId());
        });
        return Response.noContent().build();
    }

    /**
     * The connections an app minted go with the app: Meta's Deauthorize and Data Deletion for them are signed with
     * the old app's secret, which the broker no longer holds. Audited with their number. Call in the transaction.
     */
    private void removeConnectionsOf(AdminCaller caller, String tenantId, String clientId) {
        int removed = connections.deleteMintedByApp(tenantId, clientId);
        record(caller, tenantId, "app.instagram.connections_removed", "clientId=" + clientId + ", connections=" + removed);
    }

    @GET
    @Path("{id}/audit")
    @Operation(summary = "Who changed what, when; newest first.")
    public Response audit(@PathParam("id") String id, @QueryParam("limit") String limit) {
        AdminCaller caller = authenticator.authenticate(authorization);
        int size = Paging.number(limit, "limit", 200, 1, 1000);
        JsonArrayBuilder out = JsonTools.array();
        db.transaction(em -> {
            visible(caller, id);
            return audit.forTenant(id, size);
        }).forEach(e -> out.add(Representations.audit(e)));
        return Response.ok(out.build()).build();
    }

    private AdminCaller operator() {
        AdminCaller caller = authenticator.authenticate(authorization);
        if (!caller.isOperator()) {
            throw new BrokerException(ErrorCode.FORBIDDEN, "only the operator may do this");
        }
        return caller;
    }

    private Tenant visible(AdminCaller caller, String id) {
        return access.visible(caller, id);
    }

    private Tenant changeable(AdminCaller caller, String id) {
        return access.changeable(caller, id);
    }

    private void record(AdminCaller caller, String tenantId, String action, String detail) {
        access.record(caller, tenantId, action, detail);
    }
}
