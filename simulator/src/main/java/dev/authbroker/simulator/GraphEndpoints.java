package dev.authbroker.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Graph API part ({@code graph.instagram.com}): long-lived exchange and refresh, the profile, the media list and
 * single media items. A version prefix ({@code /v21.0/me}) is accepted and ignored, as the broker may be configured
 * with a versioned Graph URL.
 *
 * @see <a href="https://developers.facebook.com/docs/instagram-platform/reference/access_token">access_token</a>
 * @see <a href="https://developers.facebook.com/docs/instagram-platform/reference/refresh_access_token">refresh_access_token</a>
 */
final class GraphEndpoints implements Area {

    static final String PREFIX = "/graph";
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;
    static final Set<String> PROFILE_FIELDS = Set.of("id", "user_id", "username", "name", "account_type",
            "media_count");

    private static final Pattern VERSION = Pattern.compile("^/v[0-9]+\\.[0-9]+(?=/)");
    private static final Pattern MEDIA_ID = Pattern.compile("/[0-9]+");
    private static final String CURSOR_PREFIX = "media:";

    private final Apps apps;
    private final Users users;
    private final Tokens tokens;
    private final MediaLibrary media;
    private final Supplier<String> graphUrl;
    private final Supplier<String> cdnBaseUrl;

    GraphEndpoints(Apps apps, Users users, Tokens tokens, MediaLibrary media, Supplier<String> graphUrl,
                   Supplier<String> cdnBaseUrl) {
        this.apps = apps;
        this.users = users;
        this.tokens = tokens;
        this.media = media;
        this.graphUrl = graphUrl;
        this.cdnBaseUrl = cdnBaseUrl;
    }

    @Override
    public String endpoint(String method, String path) {
        String rest = withinGraph(path);
        return switch (rest) {
            case "/access_token" -> "exchange";
            case "/refresh_access_token" -> "refresh";
            case "/me" -> "me";
            case "/me/media" -> "media_list";
            default -> MEDIA_ID.matcher(rest).matches() ? "media_item" : null;
        };
    }

    @Override
    public void handle(String endpoint, HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            Http.graphError(exchange, GraphError.INVALID_PARAMETER, null,
                    "Unsupported " + exchange.getRequestMethod().toLowerCase(java.util.Locale.ROOT) + " request.");
            return;
        }
        Map<String, String> q = Http.query(exchange);
        switch (endpoint) {
            case "exchange" -> exchangeForLongLived(exchange, q);
            case "refresh" -> refresh(exchange, q);
            case "me" -> profile(exchange, q);
            case "media_list" -> mediaList(exchange, q);
            case "media_item" -> mediaItem(exchange, q, withinGraph(exchange.getRequestURI().getPath()).substring(1));
            default -> throw new IllegalArgumentException(endpoint);
        }
    }

    private void exchangeForLongLived(HttpExchange exchange, Map<String, String> q) throws IOException {
        if (!"ig_exchange_token".equals(q.get("grant_type"))) {
            Http.graphError(exchange, GraphError.INVALID_PARAMETER, null, "Unsupported grant_type: ig_exchange_token expected");
            return;
        }
        Tokens.Token token = validToken(exchange, q.get("access_token"));
        if (token == null) {
            return;
        }
        if (token.kind() != Tokens.Kind.SHORT_LIVED) {
            Http.graphError(exchange, GraphError.INVALID_PARAMETER, null, "Only a short-lived token can be exchanged");
            return;
        }
        Apps.App app = apps.find(token.clientId());
        if (app == null || !app.secret().equals(q.get("client_secret"))) {
            Http.graphError(exchange, GraphError.CLIENT_SECRET, null, "Error validating client secret.");
            return;
        }
        longLivedAnswer(exchange, tokens.issueLongLived(token.clientId(), token.userId()));
    }

    private void refresh(HttpExchange exchange, Map<String, String> q) throws IOException {
        if (!"ig_refresh_token".equals(q.get("grant_type"))) {
            Http.graphError(exchange, GraphError.INVALID_PARAMETER, null, "Unsupported grant_type: ig_refresh_token expected");
            return;
        }
        Tokens.Token token = validToken(exchange, q.get("access_token"));
        if (token == null) {
            return;
        }
        if (token.kind() != Tokens.Kind.LONG_LIVED) {
            Http.graphError(exchange, GraphError.INVALID_PARAMETER, null, "Only a long-lived token can be refreshed");
            return;
        }
        if (!tokens.refreshable(token)) {
            Http.graphError(exchange, GraphError.INVALID_PARAMETER, null,
                    "The access token must be at least 24 hours old to be refreshed");
            return;
        }
        // The old token stays valid until its own expiry, as on Instagram.
        longLivedAnswer(exchange, tokens.issueLongLived(token.clientId(), token.userId()));
    }

    private void longLivedAnswer(HttpExchange exchange, String value) throws IOException {
        Tokens.Token issued = tokens.lookup(value).token();
        Http.json(exchange, 200, Json.object()
                .put("access_token", value)
                .put("token_type", "bearer")
                .put("expires_in", issued.expiresIn())
                .toString());
    }

    private void profile(HttpExchange exchange, Map<String, String> q) throws IOException {
        Tokens.Token token = validToken(exchange, graphToken(exchange, q));
        Fields fields = token == null ? null : fields(exchange, q, PROFILE_FIELDS, null, "IGUser");
        if (fields == null) {
            return;
        }
        Users.User user = users.find(token.userId());
        String username = user == null ? "user_" + token.userId() : user.username();
        Json.ObjectWriter out = Json.object();
        for (String name : fields.names()) {
            switch (name) {
                case "id" -> out.put("id", AppScopedIds.of(token.clientId(), token.userId()));
                case "user_id" -> out.put("user_id", token.userId());
                case "username" -> out.put("username", username);
                case "name" -> out.put("name", username.replace('_', ' '));
                case "account_type" -> out.put("account_type", "BUSINESS");
                case "media_count" -> out.put("media_count", media.feed(token.userId()).size());
                default -> throw new IllegalArgumentException("unchecked field " + name);
            }
        }
        if (!fields.has("id")) {
            out.put("id", AppScopedIds.of(token.clientId(), token.userId()));
        }
        Http.json(exchange, 200, out.toString());
    }

    private void mediaList(HttpExchange exchange, Map<String, String> q) throws IOException {
        String accessToken = graphToken(exchange, q);
        Tokens.Token token = validToken(exchange, accessToken);
        Fields fields = token == null ? null : fields(exchange, q, MediaJson.FIELDS, "children", "IGMedia");
        if (fields == null) {
            return;
        }
        if (q.containsKey("before")) {
            Http.graphError(exchange, GraphError.INVALID_PARAMETER, null, "The simulator pages forward only (after)");
            return;
        }
        int limit;
        int start;
        try {
            limit = limit(q.get("limit"));
            start = q.containsKey("after") ? cursorIndex(q.get("after")) + 1 : 0;
        } catch (IllegalArgumentException e) {
            Http.graphError(exchange, GraphError.INVALID_PARAMETER, null, "Invalid parameter: " + e.getMessage());
            return;
        }
        List<Media> feed = media.feed(token.userId());
        int end = Math.min(feed.size(), start + limit);
        List<String> items = new ArrayList<>();
        for (int i = start; i < end; i++) {
            items.add(MediaJson.render(feed.get(i), fields, cdnBaseUrl.get()));
        }
        Json.ObjectWriter out = Json.object().putRaw("data", Json.array(items));
        if (end > start) {
            Json.ObjectWriter paging = Json.object().putRaw("cursors", Json.object()
                    .put("before", cursor(start))
                    .put("after", cursor(end - 1))
                    .toString());
            if (end < feed.size()) {
                paging.put("next", nextUrl(accessToken, q.get("fields"), limit, cursor(end - 1)));
            }
            out.putRaw("paging", paging.toString());
        }
        Http.json(exchange, 200, out.toString());
    }

    private void mediaItem(HttpExchange exchange, Map<String, String> q, String id) throws IOException {
        Tokens.Token token = validToken(exchange, graphToken(exchange, q));
        Fields fields = token == null ? null : fields(exchange, q, MediaJson.FIELDS, "children", "IGMedia");
        if (fields == null) {
            return;
        }
        Media item = media.find(id);
        if (item == null || !item.ownerId().equals(token.userId())) {
            Http.graphError(exchange, GraphError.INVALID_PARAMETER, 33, "Unsupported get request. Object with ID '" + id
                    + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation");
            return;
        }
        Http.json(exchange, 200, MediaJson.render(item, fields, cdnBaseUrl.get()));
    }

    /**
     * Like the real Graph API, the next-page URL repeats the access token; the broker must not log or hand it out.
     */
    private String nextUrl(String accessToken, String fields, int limit, String after) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("access_token", accessToken);
        if (fields != null) {
            params.put("fields", fields);
        }
        params.put("limit", Integer.toString(limit));
        params.put("after", after);
        return Forms.appendQuery(graphUrl.get() + "/me/media", params);
    }

    /** The token of a Graph read: the {@code access_token} parameter, or else an {@code Authorization: Bearer}. */
    private static String graphToken(HttpExchange exchange, Map<String, String> q) {
        if (q.containsKey("access_token")) {
            return q.get("access_token");
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        return null;
    }

    /** The valid token, or null after answering the Graph error for a missing, unknown, expired or revoked one. */
    private Tokens.Token validToken(HttpExchange exchange, String value) throws IOException {
        if (value == null || value.isEmpty()) {
            Http.graphError(exchange, 104, null, "An access token is required to request this resource.");
            return null;
        }
        Tokens.Lookup lookup = tokens.lookup(value);
        switch (lookup.status()) {
            case VALID -> {
                return lookup.token();
            }
            case EXPIRED -> Http.graphError(exchange, GraphError.INVALID_TOKEN, 463,
                    "Error validating access token: Session has expired.");
            case INVALIDATED -> Http.graphError(exchange, GraphError.INVALID_TOKEN, 460,
                    "Error validating access token: The session has been invalidated because the user changed their"
                            + " password or removed the app.");
            default -> Http.graphError(exchange, GraphError.INVALID_TOKEN, 467,
                    "Invalid OAuth access token - Cannot parse access token");
        }
        return null;
    }

    /** The parsed fields, or null after answering error 100 for a malformed or unknown one. */
    private static Fields fields(HttpExchange exchange, Map<String, String> q, Set<String> allowed, String nestable,
                                 String nodeType) throws IOException {
        Fields fields;
        try {
            fields = Fields.parse(q.get("fields"));
        } catch (IllegalArgumentException e) {
            Http.graphError(exchange, GraphError.INVALID_PARAMETER, null, "Syntax error in fields: " + e.getMessage());
            return null;
        }
        String unknown = fields.firstUnknown(allowed, nestable);
        if (unknown != null) {
            Http.graphError(exchange, GraphError.INVALID_PARAMETER, null,
                    "(#100) Tried accessing nonexisting field (" + unknown + ") on node type (" + nodeType + ")");
            return null;
        }
        return fields;
    }

    private static int limit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a number");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return Math.min(limit, MAX_LIMIT);
    }

    /** Cursors are opaque to clients; here they are the base64 of the index of a page's first or last item. */
    private static String cursor(int index) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + index).getBytes(StandardCharsets.UTF_8));
    }

    private static int cursorIndex(String cursor) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("after is not a cursor");
        }
        if (!decoded.startsWith(CURSOR_PREFIX)) {
            throw new IllegalArgumentException("after is not a cursor");
        }
        try {
            int index = Integer.parseInt(decoded.substring(CURSOR_PREFIX.length()));
            if (index < 0) {
                throw new NumberFormatException();
            }
            return index;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("after is not a cursor");
        }
    }

    private static String withinGraph(String path) {
        return VERSION.matcher(path.substring(PREFIX.length())).replaceFirst("");
    }
}
