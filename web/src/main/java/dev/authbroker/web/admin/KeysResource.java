package dev.authbroker.web.admin;

import dev.authbroker.core.audit.AuditEvent;
import dev.authbroker.core.audit.AuditLog;
import dev.authbroker.core.crypto.SecretBox;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.json.JsonTools;
import dev.authbroker.persistence.Database;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/admin/keys}: operator key management. */
@Path("admin/keys")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
public class KeysResource {

    @Inject
    AdminAuthenticator authenticator;

    @Inject
    SecretRewrapper rewrapper;

    @Inject
    SecretBox secretBox;

    @Inject
    Database db;

    @Inject
    AuditLog audit;

    @HeaderParam(HttpHeaders.AUTHORIZATION)
    String authorization;

    @POST
    @Path("rewrap")
    @Operation(summary = "Re-encrypt every stored secret with the active key; reports how many rows were rewritten.")
    public Response rewrap() {
        AdminCaller caller = authenticator.authenticate(authorization);
        if (!caller.isOperator()) {
            throw new BrokerException(ErrorCode.FORBIDDEN, "only the operator may rewrap keys");
        }
        SecretRewrapper.Result result = rewrapper.rewrapAll();
        db.run(() -> audit.record(new AuditEvent(null, caller.auditName(), "keys.rewrapped",
                "activeKey=" + secretBox.activeKeyId() + " rows=" + result.rewritten(), Instant.now())));
        return Response.ok(JsonTools.object()
                .add("activeKey", secretBox.activeKeyId())
                .add("rewrapped", result.rewritten())
                .add("examined", result.examined())
                .build()).build();
    }
}
