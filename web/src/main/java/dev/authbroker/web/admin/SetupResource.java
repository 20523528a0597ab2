package dev.authbroker.web.admin;

import dev.authbroker.core.app.ProviderApp;
import dev.authbroker.core.app.ProviderAppRepository;
import dev.authbroker.core.domain.CustomDomain;
import dev.authbroker.core.domain.CustomDomainRepository;
import dev.authbroker.core.domain.DomainStatus;
import dev.authbroker.core.json.JsonTools;
import dev.authbroker.core.tenant.Tenant;
import dev.authbroker.persistence.Database;
import dev.authbroker.web.config.BrokerConfig;
import dev.authbroker.web.tenancy.TenantResolver;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/admin/tenants/{id}/apps/instagram/setup}: for every host the tenant can be served on, the exact URLs
 * to paste into Meta's app settings (Valid OAuth Redirect URI, Deauthorize Callback URL, Data Deletion Request URL),
 * which app that host uses, and what still needs doing.
 */
@Path("admin/tenants/{id}/apps/instagram/setup")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
public class SetupResource {

    static final String CALLBACKS = "/api/client/instagram/";

    @Inject
    AdminAuthenticator authenticator;

    @Inject
    TenantAccess access;

    @Inject
    Database db;

    @Inject
    ProviderAppRepository apps;

    @Inject
    CustomDomainRepository domains;

    @Inject
    TenantResolver resolver;

    @Inject
    BrokerConfig config;

    @HeaderParam(HttpHeaders.AUTHORIZATION)
    String authorization;

    private record State(Tenant tenant, Optional<ProviderApp> app, List<CustomDomain> domains) {
    }

    @GET
    @Operation(summary = "The URLs to paste into Meta's app settings, per host, with warnings.")
    public Response setup(@PathParam("id") String id) {
        AdminCaller caller = authenticator.authenticate(authorization);
        State state = db.transaction(em -> {
            Tenant tenant = access.visible(caller, id);
            return new State(tenant, apps.find(id, "instagram"), domains.forTenant(id));
        });
        boolean custom = state.app().isPresent();
        boolean shared = config.instagramClientId().isPresent() && config.instagramClientSecret().isPresent();
        JsonArrayBuilder hosts = JsonTools.array();
        JsonArrayBuilder warnings = JsonTools.array();

        // On the platform host, a Custom Auth app's callbacks carry the apikey: it names the one secret to verify with.
        String platform = resolver.platformOrigin();
        String suffix = custom ? "/" + state.tenant().apiKey() : "";
        hosts.add(host(resolver.platformHost().value(), "platform", "active", custom ? "custom" : (shared ? "shared" : "none"),
                custom ? state.app().get().clientId() : config.instagramClientId().orElse(null), platform, suffix));
        if (!custom && !shared) {
            warnings.add(warning("shared_app_not_configured", "The platform has no shared Instagram app: save your own "
                    + "Instagram App ID and App Secret (Custom Auth) before users can connect."));
        }
        for (CustomDomain d : state.domains()) {
            hosts.add(host(d.hostname(), "custom", d.statusName(), custom ? "custom" : "none",
                    custom ? state.app().get().clientId() : null, TenantResolver.customDomainOrigin(d.hostname()), ""));
            if (!custom) {
                warnings.add(warning("custom_auth_required", d.hostname() + " is a custom domain: Meta only redirects to URLs "
                        + "your own app registered, so save your Instagram App ID and App Secret (Custom Auth) to sign users in there."));
            }
            if (d.status() == DomainStatus.PENDING) {
                warnings.add(warning("domain_pending", d.hostname() + " is not verified yet: create the TXT record "
                        + d.txtName() + " with the value shown, then verify it."));
            } else if (d.status() == DomainStatus.SUSPENDED) {
                warnings.add(warning("domain_suspended", d.hostname() + " was suspended because its TXT record "
                        + d.txtName() + " disappeared: restore it and verify again."));
            }
        }
        return Response.ok(JsonTools.object()
                .add("tenantId", id)
                .add("hosts", hosts)
                .add("warnings", warnings)
                .build()).build();
    }

    private static JsonObjectBuilder host(String host, String kind, String status, String app, String clientId,
                                          String origin, String suffix) {
        JsonObjectBuilder b = JsonTools.object()
                .add("host", host)
                .add("kind", kind)
                .add("status", status)
                .add("app", app)
                .add("redirectUri", origin + CALLBACKS + "authCallback/open")
                .add("deauthorizeUrl", origin + CALLBACKS + "deauthorize" + suffix)
                .add("dataDeletionUrl", origin + CALLBACKS + "data_deletion" + suffix);
        if (clientId == null) {
            b.addNull("clientId");
        } else {
            b.add("clientId", clientId);
        }
        return b;
    }

    private static JsonObjectBuilder warning(String code, String message) {
        return JsonTools.object().add("code", code).add("message", message);
    }
}
