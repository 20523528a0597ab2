package dev.authbroker.web.client;

import dev.authbroker.core.app.ClientCredentials;
import dev.authbroker.core.app.ProviderAppRepository;
import dev.authbroker.core.connection.ConnectionRepository;
import dev.authbroker.core.crypto.SecretBox;
import dev.authbroker.core.deletion.DeletionRequest;
import dev.authbroker.core.deletion.DeletionRequestRepository;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.instagram.SignedRequest;
import dev.authbroker.core.json.JsonTools;
import dev.authbroker.core.tenant.Tenant;
import dev.authbroker.persistence.Database;
import dev.authbroker.web.metrics.BrokerMetrics;
import dev.authbroker.web.tenancy.TenantResolver;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Meta's Deauthorize and Data Deletion callbacks. Exactly one app's secret may verify a request: the {@code apikey}
 * tenant's app, else the custom domain's tenant's app, else the shared app — never a search over tenants. The
 * effect is that every connection minted by that app for that Instagram user is gone, with its picker sessions.
 */
@Path("client/instagram")
@RequestScoped
@Tag(name = "meta-callbacks")
public class MetaCallbacksResource {

    private static final Logger LOG = Logger.getLogger(MetaCallbacksResource.class.getName());

    @Inject
    TenantResolver resolver;

    @Inject
    InstagramSignIn signIn;

    @Inject
    Database db;

    @Inject
    ProviderAppRepository apps;

    @Inject
    ConnectionRepository connections;

    @Inject
    DeletionRequestRepository deletions;

    @Inject
    SecretBox box;

    @Inject
    BrokerMetrics metrics;


    /** The app whose secret verifies a callback, and the tenant it belongs to (null for the shared app). */
    private record VerifyingApp(String tenantId, ClientCredentials credentials, String publicOrigin) {
    }

    @POST
    @Path("deauthorize")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Meta's Deauthorize callback (signed_request): removes the user's connections of that app.")
    public Response deauthorize(@FormParam("signed_request") String signedRequest) {
        return deauthorize(null, signedRequest);
    }

    @POST
    @Path("deauthorize/{apikey}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deauthorize callback of one tenant's Custom Auth app.")
    public Response deauthorize(@PathParam("apikey") String apiKey, @FormParam("signed_request") String signedRequest) {
        return counted("deauthorize", () -> removeConnections(apiKey, signedRequest));
    }

    /** Answers {@code callback}'s response, counting the callback accepted, or rejected when it throws. */
    private Response counted(String kind, Supplier<Response> callback) {
        try {
            Response answer = callback.get();
            metrics.metaCallback(kind, true);
            return answer;
        } catch (BrokerException e) {
            metrics.metaCallback(kind, false);
            throw e;
        }
    }

    private Response removeConnections(String apiKey, String signedRequest) {
        VerifyingApp app = verifyingApp(apiKey);
        SignedRequest request = SignedRequest.verify(signedRequest, app.credentials().clientSecret());
        int removed = db.transaction(em -> connections.deleteMintedBy(app.tenantId(), app.credentials().clientId(), request.userId()));
        LOG.info("deauthorize for client " + app.credentials().clientId() + ": " + removed + " connection(s) removed");
        return Response.ok(JsonTools.object().add("success", true).build()).build();
    }

    @POST
    @Path("data_deletion")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Meta's Data Deletion callback: deletes the user's data of that app, answers a status URL and code.")
    public Response dataDeletion(@FormParam("signed_request") String signedRequest) {
        return dataDeletion(null, signedRequest);
    }

    @POST
    @Path("data_deletion/{apikey}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Data Deletion callback of one tenant's Custom Auth app.")
    public Response dataDeletion(@PathParam("apikey") String apiKey, @FormParam("signed_request") String signedRequest) {
        return counted("data_deletion", () -> deleteData(apiKey, signedRequest));
    }

    private Response deleteData(String apiKey, String signedRequest) {
        VerifyingApp app = verifyingApp(apiKey);
        SignedRequest request = SignedRequest.verify(signedRequest, app.credentials().clientSecret());
        String requestHash = DeletionRequest.hashOf(signedRequest);
        DeletionRequest done;
        try {
            done = db.transaction(em -> deletions.findByRequestHash(requestHash).orElseGet(() -> {
                Instant now = Instant.now();
                DeletionRequest fresh = DeletionRequest.receive(signedRequest, app.credentials().clientId(), app.tenantId(), request.userId(), now);
                int removed = connections.deleteMintedBy(app.tenantId(), app.credentials().clientId(), request.userId());
                fresh.complete(removed, Instant.now());
                deletions.add(fresh);
                return fresh;
            }));
        } catch (PersistenceException e) {
            // The same request posted twice at once: the other one stored it first; answer its code.
            done = db.transaction(em -> deletions.findByRequestHash(requestHash)).orElseThrow(() -> e);
        }
        String url = app.publicOrigin() + "/api/client/instagram/data_deletion/status/" + done.confirmationCode();
        return Response.ok(JsonTools.object()
                .add("url", url)
                .add("confirmation_code", done.confirmationCode())
                .build()).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("data_deletion/status/{code}")
    @Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    @Operation(summary = "Public status of a Data Deletion request (HTML, or JSON for Accept: application/json).")
    public Response status(@PathParam("code") String code, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Optional<DeletionRequest> found = code == null || code.length() > 64 ? Optional.empty()
                : db.transaction(em -> deletions.findByCode(code));
        boolean json = accept != null && accept.contains("application/json") && !accept.contains("text/html");
        if (found.isEmpty()) {
            if (json) {
                throw new BrokerException(ErrorCode.NOT_FOUND, "no deletion request with this confirmation code");
            }
            return DeletionStatusPage.notFound();
        }
        DeletionRequest request = found.get();
        if (json) {
            var body = JsonTools.object()
                    .add("confirmation_code", request.confirmationCode())
                    .add("status", request.isCompleted() ? "completed" : "received")
                    .add("received_at", request.receivedAt().toString());
            if (request.isCompleted()) {
                body.add("completed_at", request.completedAt().toString());
            }
            return Response.ok(body.build(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
        }
        return DeletionStatusPage.of(request);
    }

    private VerifyingApp verifyingApp(String apiKey) {
        TenantResolver.Resolved resolved = resolver.resolveOptional(resolver.requestHost(), apiKey);
        if (resolved == null) {
            return new VerifyingApp(null, signIn.sharedApp(), resolver.platformOrigin());
        }
        Tenant tenant = resolved.tenant();
        return db.transaction(em -> apps.find(tenant.id(), InstagramSignIn.PROVIDER)
                .map(app -> new VerifyingApp(tenant.id(), app.credentials(box), resolved.publicOrigin()))
                .orElseGet(() -> {
                    if (resolved.customDomain()) {
                        throw new BrokerException(ErrorCode.CUSTOM_AUTH_REQUIRED, "this domain's app has no Custom Auth");
                    }
                    return new VerifyingApp(null, signIn.sharedApp(), resolved.publicOrigin());
                }));
    }
}
