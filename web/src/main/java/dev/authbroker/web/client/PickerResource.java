package dev.authbroker.web.client;

import dev.authbroker.core.connection.ConnectionRepository;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.instagram.Media;
import dev.authbroker.core.instagram.MediaFetcher;
import dev.authbroker.core.instagram.MediaPage;
import dev.authbroker.core.json.JsonTools;
import dev.authbroker.core.oauth.ProviderException;
import dev.authbroker.core.tenant.Tenant;
import dev.authbroker.core.tenant.TenantRepository;
import dev.authbroker.persistence.Database;
import dev.authbroker.web.limits.Limits;
import dev.authbroker.web.tenancy.CurrentRequest;
import dev.authbroker.web.tenancy.RequestHost;
import dev.authbroker.web.tenancy.TenantResolver;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.function.Function;
import java.util.regex.Pattern;
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

    static final String MANUAL_REVOKE_URL = "https://www.instagram.com/accounts/manage_access/";
    private static final Pattern MEDIA_ID = Pattern.compile("[0-9]{1,40}");

    @Inject
    PickerSessions sessions;

    @Inject
    TokenKeeper tokens;

    @Inject
    InstagramGraph graph;

    @Inject
    MediaFetcher fetcher;

    @Inject
    Database db;

    @Inject
    ConnectionRepository connections;

    @Inject
    TenantRepository tenants;

    @Inject
    TenantResolver resolver;

    @Inject
    CurrentRequest current;

    @Inject
    Limits limits;

    @HeaderParam(HttpHeaders.AUTHORIZATION)
    String authorization;

    @GET
    @Path("me")
    @Operation(summary = "The connected Instagram account.")
    public Response me() {
        PickerSessions.Authenticated auth = authenticate();
        tokens.accessToken(auth.connection());
        return json(JsonTools.object().add("connected", true).add("username", auth.connection().username()));
    }

    @GET
    @Path("media")
    @Operation(summary = "The user's media, newest first, a page at a time.")
    public Response media(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        int size = limit(limit);
        if (after != null && (after.isEmpty() || after.length() > 512)) {
            throw new BrokerException(ErrorCode.INVALID_REQUEST, "after must be a cursor from a previous page");
        }
        PickerSessions.Authenticated auth = authenticate();
        MediaPage page = call(auth, token -> graph.media(token, after, size));
        JsonArrayBuilder items = JsonTools.array();
        page.items().forEach(m -> items.add(item(m, true)));
        JsonObjectBuilder body = JsonTools.object().add("items", items);
        body.add("next", page.nextCursor() == null ? JsonValue.NULL : JsonTools.value(page.nextCursor()));
        return json(body);
    }

    @GET
    @Path("media/{id}")
    @Operation(summary = "One media item (also a carousel child).")
    public Response mediaItem(@PathParam("id") String id) {
        PickerSessions.Authenticated auth = authenticate();
        return json(item(call(auth, token -> graph.mediaItem(token, mediaId(id))), true));
    }

    @GET
    @Path("media/{id}/content")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The file's bytes, streamed; its URL is read fresh from the Graph API.")
    public Response content(@PathParam("id") String id) {
        PickerSessions.Authenticated auth = authenticate();
        String slot = auth.session().tokenHash();
        limits.startMediaStream(slot);
        MediaFetcher.MediaStream stream;
        try {
            Media media = call(auth, token -> graph.mediaItem(token, mediaId(id)));
            if ("CAROUSEL_ALBUM".equals(media.type())) {
                throw new BrokerException(ErrorCode.INVALID_REQUEST, "an album has no file of its own; fetch one of its children");
            }
            if (media.mediaUrl() == null) {
                throw new BrokerException(ErrorCode.MEDIA_UNAVAILABLE, "Instagram gave no file for this media");
            }
            stream = fetcher.open(media.mediaUrl());
        } catch (RuntimeException e) {
            limits.endMediaStream(slot);
            throw e;
        }
        // The slot is held until the last byte is written (or the client goes away).
        StreamingOutput body = out -> {
            try (InputStream in = stream.body()) {
                in.transferTo(out);
            } finally {
                limits.endMediaStream(slot);
            }
        };
        Response.ResponseBuilder response = Response.ok(body, stream.contentType()).header("Cache-Control", "private, no-store");
        if (stream.length() >= 0) {
            response.header(HttpHeaders.CONTENT_LENGTH, stream.length());
        }
        return response.build();
    }

    @POST
    @Path("logout")
    @Operation(summary = "Disconnect: the connection and its sessions are deleted. Instagram has no revoke API; "
            + "the Link header points to where the user can remove the app.")
    public Response logout() {
        PickerSessions.Authenticated auth = authenticate(false);
        db.run(() -> connections.find(auth.connection().id()).ifPresent(connections::delete));
        return Response.noContent()
                .header("Link", "<" + MANUAL_REVOKE_URL + ">; rel=\"manual-revoke\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private PickerSessions.Authenticated authenticate() {
        return authenticate(true);
    }

    /**
     * The session and its connection. A disabled tenant's sessions answer 403 {@code tenant_disabled}, except where
     * {@code activeTenantOnly} is false: a user may always disconnect.
     */
    private PickerSessions.Authenticated authenticate(boolean activeTenantOnly) {
        PickerSessions.Authenticated auth = sessions.authenticate(authorization);
        RequestHost host = resolver.requestHost();
        if (host.customDomain() && !host.domain().tenantId().equals(auth.connection().tenantId())) {
            throw new BrokerException(ErrorCode.UNAUTHORIZED, "this session does not belong to this host");
        }
        Tenant tenant = db.transaction(em -> tenants.find(auth.connection().tenantId()))
                .orElseThrow(() -> new BrokerException(ErrorCode.UNAUTHORIZED, "missing, unknown or expired picker session"));
        current.allowedOrigins(tenant.origins());
        if (activeTenantOnly && !tenant.isActive()) {
            throw new BrokerException(ErrorCode.TENANT_DISABLED, "this app is disabled; its Instagram access is suspended");
        }
        return auth;
    }

    private <T> T call(PickerSessions.Authenticated auth, Function<String, T> call) {
        String token = tokens.accessToken(auth.connection());
        try {
            return call.apply(token);
        } catch (ProviderException e) {
            if (e.code() == ErrorCode.RECONNECT_REQUIRED) {
                tokens.markReconnectRequired(auth.connection().id());
            }
            throw e;
        }
    }

    private static int limit(String raw) {
        if (raw == null) {
            return 25;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= 1 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new BrokerException(ErrorCode.INVALID_REQUEST, "limit must be a whole number from 1 to 100");
    }

    private static String mediaId(String id) {
        if (id == null || !MEDIA_ID.matcher(id).matches()) {
            throw new BrokerException(ErrorCode.NOT_FOUND, "no such media");
        }
        return id;
    }

    private static JsonObjectBuilder item(Media m, boolean withChildren) {
        JsonObjectBuilder b = JsonTools.object()
                .add("id", m.id())
                .add("type", m.type() == null ? "IMAGE" : m.type());
        nullable(b, "caption", m.caption());
        nullable(b, "timestamp", m.timestamp());
        nullable(b, "permalink", m.permalink());
        nullable(b, "thumbnailUrl", thumbnail(m));
        if (withChildren) {
            JsonArrayBuilder children = JsonTools.array();
            m.children().forEach(c -> children.add(item(c, false)));
            b.add("children", children);
        }
        return b;
    }

    private static String thumbnail(Media m) {
        if ("VIDEO".equals(m.type())) {
            return m.thumbnailUrl();
        }
        if ("CAROUSEL_ALBUM".equals(m.type()) && !m.children().isEmpty()) {
            return thumbnail(m.children().get(0));
        }
        return m.mediaUrl();
    }

    private static void nullable(JsonObjectBuilder b, String key, String value) {
        if (value == null) {
            b.addNull(key);
        } else {
            b.add(key, value);
        }
    }

    private static Response json(JsonObjectBuilder body) {
        return Response.ok(body.build(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
    }
}
