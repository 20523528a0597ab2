package dev.authbroker.web.client;

import dev.authbroker.core.connection.ConnectionStatus;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The picker API: what the picker calls with the session token the popup gave it. */
@Path("client/instagram")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "picker")
@SecurityRequirement(name = "bearer")
public class PickerResource {

    @Inject
    PickerSessions sessions;

    @HeaderParam(HttpHeaders.AUTHORIZATION)
    String authorization;

    @GET
    @Path("me")
    @Operation(summary = "The connected Instagram account.")
    public Response me() {
        PickerSessions.Authenticated auth = sessions.authenticate(authorization);
        if (auth.connection().status() == ConnectionStatus.RECONNECT_REQUIRED) {
            throw new BrokerException(ErrorCode.RECONNECT_REQUIRED, "the Instagram connection must be renewed; connect again");
        }
        return Response.ok(Json.createObjectBuilder()
                .add("connected", true)
                .add("username", auth.connection().username())
                .build()).header("Cache-Control", "no-store").build();
    }
}
