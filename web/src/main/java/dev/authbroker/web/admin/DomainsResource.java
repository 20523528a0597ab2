package dev.authbroker.web.admin;

import dev.authbroker.core.domain.CustomDomain;
import dev.authbroker.core.domain.CustomDomainRepository;
import dev.authbroker.core.domain.Hostname;
import dev.authbroker.core.domain.TxtResolver;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.json.JsonTools;
import dev.authbroker.persistence.Database;
import dev.authbroker.web.config.BrokerConfig;
import dev.authbroker.web.limits.Limits;
import dev.authbroker.web.tenancy.TenantResolver;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/admin/tenants/{id}/domains}: a tenant's custom domains, proven by a DNS TXT record. A host name belongs
 * to at most one tenant; another tenant trying to add it gets 409 without learning whose it is.
 */
@Path("admin/tenants/{id}/domains")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
public class DomainsResource {

    /** Claims waiting for verification per tenant: enough for any real set-up, too few to squat names in bulk. */
    static final int MAX_PENDING_PER_TENANT = 20;

    @Inject
    AdminAuthenticator authenticator;

    @Inject
    TenantAccess access;

    @Inject
    Database db;

    @Inject
    CustomDomainRepository domains;

    @Inject
    TxtResolver dns;

    @Inject
    TenantResolver resolver;

    @Inject
    BrokerConfig config;

    @HeaderParam(HttpHeaders.AUTHORIZATION)
    String authorization;

    @HeaderParam(HttpHeaders.CONTENT_TYPE)
    String contentType;

    @Inject
    Limits limits;

    @POST
    @Operation(summary = "Claim a host name: answers the TXT record to create (status pending).")
    public Response add(@PathParam("id") String id, InputStream body) {
        AdminCaller caller = authenticator.authenticate(authorization);
        db.transaction(em -> access.changeable(caller, id));
        JsonBody json = JsonBody.read(contentType, body, Set.of("hostname"));
        Hostname hostname = Hostname.customDomain(json.requiredString("hostname"), resolver.platformHost());
        CustomDomain added;
        try {
            added = db.transaction(em -> {
                access.changeable(caller, id);
                Instant now = Instant.now();
                Duration pendingTtl = config.domainPendingTtl();
                Optional<CustomDomain> existing = domains.find(hostname.value());
                if (existing.isPresent() && existing.get().isExpiredClaim(now, pendingTtl)) {
                    domains.delete(existing.get());
                    access.record(caller, existing.get().tenantId(), "domain.claim_expired", "hostname=" + hostname);
                } else if (existing.isPresent()) {
                    throw existing.get().tenantId().equals(id)
                            ? new BrokerException(ErrorCode.CONFLICT, "this tenant already added " + hostname)
                            : new BrokerException(ErrorCode.HOSTNAME_TAKEN, "this host name is already claimed");
                }
                if (domains.countPendingSince(id, now.minus(pendingTtl)) >= MAX_PENDING_PER_TENANT) {
                    throw new BrokerException(ErrorCode.TOO_MANY_PENDING_DOMAINS, "this tenant already has "
                            + MAX_PENDING_PER_TENANT + " domains waiting for verification; verify or remove one first");
                }
                CustomDomain domain = CustomDomain.claim(id, hostname, now);
                domains.add(domain);
                access.record(caller, id, "domain.added", "hostname=" + hostname);
                return domain;
            });
        } catch (PersistenceException e) {
            throw new BrokerException(ErrorCode.HOSTNAME_TAKEN, "this host name is already claimed");
        }
        return Response.status(Response.Status.CREATED).entity(representation(added).build()).build();
    }

    @GET
    @Operation(summary = "The tenant's domains and their status.")
    public Response list(@PathParam("id") String id) {
        AdminCaller caller = authenticator.authenticate(authorization);
        JsonArrayBuilder out = JsonTools.array();
        db.transaction(em -> {
            access.visible(caller, id);
            return domains.forTenant(id);
        }).forEach(d -> out.add(representation(d)));
        return Response.ok(out.build()).build();
    }

    @POST
    @Path("{hostname}/verify")
    @Operation(summary = "Look the TXT record up now: 200 verified, or 409 and still pending.")
    public Response verify(@PathParam("id") String id, @PathParam("hostname") String hostname) {
        AdminCaller caller = authenticator.authenticate(authorization);
        CustomDomain domain = db.transaction(em -> owned(caller, id, hostname));
        if (domain.isExpiredClaim(Instant.now(), config.domainPendingTtl())) {
            throw new BrokerException(ErrorCode.NOT_FOUND, "this claim lapsed: a domain not verified within "
                    + config.domainPendingTtl() + " must be added again");
        }
        limits.domainVerification(id);
        boolean found;
        String why;
        try {
            found = dns.txt(domain.txtName()).contains(domain.txtValue());
            why = "the TXT record " + domain.txtName() + " does not hold the expected value yet";
        } catch (TxtResolver.DnsUnavailableException e) {
            found = false;
            why = "DNS did not answer; try again shortly";
        }
        boolean seen = found;
        CustomDomain checked = db.transaction(em -> {
            CustomDomain current = owned(caller, id, hostname);
            if (current.recordChecked(seen, Instant.now(), config.domainGrace())) {
                access.record(caller, id, "domain." + current.statusName(), "hostname=" + current.hostname());
            }
            return current;
        });
        if (!checked.isServed()) {
            throw new BrokerException(ErrorCode.DOMAIN_NOT_VERIFIED, why);
        }
        return Response.ok(representation(checked).build()).build();
    }

    @DELETE
    @Path("{hostname}")
    @Operation(summary = "Stop serving the host name, at once.")
    public Response delete(@PathParam("id") String id, @PathParam("hostname") String hostname) {
        AdminCaller caller = authenticator.authenticate(authorization);
        db.run(() -> {
            CustomDomain domain = owned(caller, id, hostname);
            domains.delete(domain);
            access.record(caller, id, "domain.removed", "hostname=" + domain.hostname());
        });
        return Response.noContent().build();
    }

    /** The tenant's domain, for a change: a disabled tenant's own secret changes nothing. */
    private CustomDomain owned(AdminCaller caller, String id, String hostname) {
        access.changeable(caller, id);
        String normalised = Hostname.fromHostHeader(hostname).map(Hostname::value).orElse("");
        return domains.find(normalised).filter(d -> d.tenantId().equals(id))
                .orElseThrow(() -> new BrokerException(ErrorCode.NOT_FOUND, "this tenant has no such domain"));
    }

    static JsonObjectBuilder representation(CustomDomain d) {
        JsonObjectBuilder b = JsonTools.object()
                .add("hostname", d.hostname())
                .add("status", d.statusName())
                .add("txtName", d.txtName())
                .add("txtValue", d.txtValue())
                .add("createdAt", d.createdAt().toString());
        if (d.verifiedAt() != null) {
            b.add("verifiedAt", d.verifiedAt().toString());
        }
        return b;
    }
}
