package dev.authbroker.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A strict fake of Instagram API with Instagram Login, for tests and the local run. It knows its registered apps and
 * their exact redirect URIs, issues single-use authorization codes bound to client and redirect URI, short- and
 * long-lived tokens, serves profile, media and file bytes, and answers errors in Meta's shapes. Tests drive it
 * in-process: register apps and users, count calls per endpoint, inject faults.
 */
public final class InstagramSimulator implements AutoCloseable {

    static final long SHORT_LIVED_SECONDS = 3600;
    static final long CODE_SECONDS = 600;
    static final Set<String> ENDPOINTS = Set.of("authorize", "authorize_submit", "token", "exchange", "refresh", "me",
            "media_list", "media_item", "cdn");

    private record App(String clientId, String secret, List<String> redirectUris) {
    }

    private record User(String id, String username) {
    }

    private static final class Code {
        final String clientId;
        final String redirectUri;
        final String userId;
        final long expiresAt;
        volatile boolean used;

        Code(String clientId, String redirectUri, String userId, long expiresAt) {
            this.clientId = clientId;
            this.redirectUri = redirectUri;
            this.userId = userId;
            this.expiresAt = expiresAt;
        }
    }

    private record Token(boolean longLived, String clientId, String userId, long issuedAt, long expiresAt) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private volatile String cdnBaseUrl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final Map<String, User> users = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Set<String> invalidated = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, List<String>> clientIdsSeen = new ConcurrentHashMap<>();
    private final Map<String, List<String>> redirectUrisSeen = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedDeque<Fault>> faults = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> nextTokens = new ConcurrentLinkedDeque<>();
    private final AtomicLong longLivedExpiresIn = new AtomicLong(5_184_000);
    private final MediaLibrary media = new MediaLibrary();

    private InstagramSimulator(HttpServer server, ExecutorService executor, String host) {
        this.server = server;
        this.executor = executor;
        this.baseUrl = "http://" + host + ":" + server.getAddress().getPort();
        this.cdnBaseUrl = baseUrl + "/cdn";
        server.createContext("/", this::handle);
    }

    public static InstagramSimulator start(String bindHost, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(bindHost, port), 64);
            ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
                Thread t = new Thread(r, "instagram-simulator");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            InstagramSimulator simulator = new InstagramSimulator(server, executor, bindHost);
            server.start();
            return simulator;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the simulator on " + bindHost + ":" + port, e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String authorizeUrl() {
        return baseUrl + "/oauth/authorize";
    }

    public String tokenUrl() {
        return baseUrl + "/oauth/access_token";
    }

    public String graphUrl() {
        return baseUrl + "/graph";
    }

    public void setCdnBaseUrl(String url) {
        this.cdnBaseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public void registerApp(String clientId, String clientSecret, String... redirectUris) {
        apps.put(clientId, new App(clientId, clientSecret, List.of(redirectUris)));
    }

    public void registerUser(String userId, String username, int mediaCount) {
        users.put(userId, new User(userId, username));
        media.createFeed(userId, username, mediaCount);
    }

    public int calls(String endpoint) {
        requireEndpoint(endpoint);
        AtomicInteger count = calls.get(endpoint);
        return count == null ? 0 : count.get();
    }

    public List<String> clientIdsSeen(String endpoint) {
        return List.copyOf(clientIdsSeen.getOrDefault(endpoint, List.of()));
    }

    public List<String> redirectUrisSeen(String endpoint) {
        return List.copyOf(redirectUrisSeen.getOrDefault(endpoint, List.of()));
    }

    public void resetCounters() {
        calls.clear();
        clientIdsSeen.clear();
        redirectUrisSeen.clear();
    }

    public void injectFault(String endpoint, Fault fault, int times) {
        requireEndpoint(endpoint);
        ConcurrentLinkedDeque<Fault> queue = faults.computeIfAbsent(endpoint, e -> new ConcurrentLinkedDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
    }

    public void clearFaults() {
        faults.clear();
    }

    /** The next token the simulator issues (of any kind) takes this value; calls queue up, one value per token. */
    public void setNextAccessToken(String value) {
        nextTokens.add(value);
    }

    public void setLongLivedExpiresIn(long seconds) {
        longLivedExpiresIn.set(seconds);
    }

    public void invalidateToken(String accessToken) {
        invalidated.add(accessToken);
    }

    public String issueCodeForTest(String clientId, String redirectUri, String userId) {
        String code = randomToken("AQ");
        codes.put(code, new Code(clientId, redirectUri, userId, now() + CODE_SECONDS));
        return code;
    }

    public String issueLongLivedTokenForTest(String clientId, String userId, long ageSeconds, long expiresInSeconds) {
        String token = randomToken("IGAA");
        long issued = now() - ageSeconds;
        tokens.put(token, new Token(true, clientId, userId, issued, now() + expiresInSeconds));
        return token;
    }

    public byte[] cdnFile(String name) {
        return media.file(name);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- request handling ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            String endpoint = endpointOf(method, path);
            if (endpoint != null) {
                calls.computeIfAbsent(endpoint, e -> new AtomicInteger()).incrementAndGet();
                Fault fault = faults.getOrDefault(endpoint, new ConcurrentLinkedDeque<>()).poll();
                if (fault != null && play(exchange, fault)) {
                    return;
                }
            }
            Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
            switch (endpoint == null ? "" : endpoint) {
                case "authorize" -> consentPage(exchange, query);
                case "authorize_submit" -> consentSubmit(exchange, parse(body(exchange)));
                case "token" -> token(exchange, parse(body(exchange)));
                case "exchange" -> exchangeToken(exchange, query);
                case "refresh" -> refresh(exchange, query);
                case "me" -> me(exchange);
                case "media_list" -> mediaList(exchange, query);
                case "media_item" -> mediaItem(exchange, path.substring("/graph/".length()));
                case "cdn" -> cdn(exchange, path.substring("/cdn/".length()), query);
                default -> control(exchange, method, path);
            }
        } catch (RuntimeException e) {
            send(exchange, 500, "application/json", graphError("internal simulator error: " + e, 1, null));
        }
    }

    private static String endpointOf(String method, String path) {
        if (path.equals("/oauth/authorize")) {
            return method.equals("POST") ? "authorize_submit" : "authorize";
        }
        if (path.equals("/oauth/access_token") && method.equals("POST")) {
            return "token";
        }
        if (path.equals("/graph/access_token")) {
            return "exchange";
        }
        if (path.equals("/graph/refresh_access_token")) {
            return "refresh";
        }
        if (path.equals("/graph/me")) {
            return "me";
        }
        if (path.equals("/graph/me/media")) {
            return "media_list";
        }
        if (path.startsWith("/graph/") && path.substring(7).matches("[0-9]+")) {
            return "media_item";
        }
        if (path.startsWith("/cdn/")) {
            return "cdn";
        }
        return null;
    }

    /** Plays a fault; returns true when it replaced the answer. */
    private boolean play(HttpExchange exchange, Fault fault) throws IOException {
        switch (fault.kind()) {
            case DELAY -> {
                try {
                    Thread.sleep(fault.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
            case STATUS -> {
                if (fault.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", fault.retryAfter());
                }
                send(exchange, fault.status(), "application/json", graphError("simulated failure", 2, null));
            }
            case HTML_BODY -> send(exchange, 200, "text/html", "<html><body>oops</body></html>");
            case EMPTY_JSON -> send(exchange, 200, "application/json", "{}");
            case TRUNCATED_JSON -> send(exchange, 200, "application/json", "{\"access_token\":\"abc");
            case DROP_CONNECTION -> exchange.close(); // closing before any header drops the connection
            default -> throw new IllegalStateException(fault.kind().name());
        }
        return true;
    }

    private void consentPage(HttpExchange exchange, Map<String, String> q) throws IOException {
        record(clientIdsSeen, "authorize", q.get("client_id"));
        record(redirectUrisSeen, "authorize", q.get("redirect_uri"));
        String problem = checkClient(q.get("client_id"), q.get("redirect_uri"));
        if (problem == null && !"code".equals(q.get("response_type"))) {
            problem = "response_type must be code";
        }
        if (problem != null) {
            send(exchange, 400, "text/html; charset=utf-8", page("Invalid request", "<p id=\"error\">" + esc(problem) + "</p>"));
            return;
        }
        StringBuilder options = new StringBuilder();
        List<User> list;
        synchronized (users) {
            list = new ArrayList<>(users.values());
        }
        for (int i = 0; i < list.size(); i++) {
            User u = list.get(i);
            options.append("<div><input type=\"radio\" name=\"user_id\" id=\"user-").append(esc(u.id())).append("\" value=\"")
                    .append(esc(u.id())).append('"').append(i == 0 ? " checked" : "").append("><label for=\"user-")
                    .append(esc(u.id())).append("\">@").append(esc(u.username())).append("</label></div>");
        }
        String body = "<h1>Instagram (simulator)</h1><p>App <strong>" + esc(q.get("client_id"))
                + "</strong> wants to access your Instagram profile and media.</p>"
                + "<form method=\"post\" action=\"/oauth/authorize\"><fieldset><legend>Log in as</legend>" + options + "</fieldset>"
                + hidden("client_id", q.get("client_id")) + hidden("redirect_uri", q.get("redirect_uri"))
                + hidden("scope", q.getOrDefault("scope", "")) + hidden("state", q.getOrDefault("state", ""))
                + "<button type=\"submit\" name=\"decision\" value=\"allow\" id=\"allow\">Allow</button> "
                + "<button type=\"submit\" name=\"decision\" value=\"cancel\" id=\"cancel\">Cancel</button></form>";
        send(exchange, 200, "text/html; charset=utf-8", page("Allow access?", body));
    }

    private void consentSubmit(HttpExchange exchange, Map<String, String> f) throws IOException {
        String problem = checkClient(f.get("client_id"), f.get("redirect_uri"));
        if (problem == null && !users.containsKey(f.get("user_id"))) {
            problem = "unknown user";
        }
        if (problem != null) {
            send(exchange, 400, "text/html; charset=utf-8", page("Invalid request", "<p id=\"error\">" + esc(problem) + "</p>"));
            return;
        }
        String redirect = f.get("redirect_uri");
        String sep = redirect.contains("?") ? "&" : "?";
        String state = f.getOrDefault("state", "");
        String location;
        if ("allow".equals(f.get("decision"))) {
            String code = issueCodeForTest(f.get("client_id"), redirect, f.get("user_id"));
            location = redirect + sep + "code=" + enc(code) + "&state=" + enc(state) + "#_";
        } else {
            location = redirect + sep + "error=access_denied&error_reason=user_denied&error_description="
                    + enc("The user denied your request.") + "&state=" + enc(state) + "#_";
        }
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange, Map<String, String> f) throws IOException {
        record(clientIdsSeen, "token", f.get("client_id"));
        record(redirectUrisSeen, "token", f.get("redirect_uri"));
        Code code = f.get("code") == null ? null : codes.get(f.get("code"));
        boolean firstUse = false;
        if (code != null) {
            synchronized (code) {
                firstUse = !code.used;
                code.used = true;
            }
        }
        App app = apps.get(f.get("client_id"));
        String problem;
        if (app == null) {
            problem = "Invalid platform app";
        } else if (!app.secret().equals(f.get("client_secret"))) {
            problem = "Error validating client secret.";
        } else if (!"authorization_code".equals(f.get("grant_type"))) {
            problem = "Unsupported grant_type";
        } else if (code == null) {
            problem = "Invalid authorization code";
        } else if (!firstUse) {
            problem = "This authorization code has been used";
        } else if (code.expiresAt < now()) {
            problem = "This authorization code has expired";
        } else if (!code.clientId.equals(app.clientId()) || !code.redirectUri.equals(f.get("redirect_uri"))) {
            problem = "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request";
        } else {
            problem = null;
        }
        if (problem != null) {
            send(exchange, 400, "application/json", "{\"error_type\":\"OAuthException\",\"code\":400,\"error_message\":"
                    + Json.quote(problem) + "}");
            return;
        }
        String token = nextToken("IGQ");
        tokens.put(token, new Token(false, app.clientId(), code.userId, now(), now() + SHORT_LIVED_SECONDS));
        String answer = "{\"access_token\":" + Json.quote(token) + ",\"user_id\":" + code.userId
                + ",\"permissions\":[\"instagram_business_basic\"]}";
        send(exchange, 200, "application/json", app.clientId().endsWith("-wrapped") ? "{\"data\":[" + answer + "]}" : answer);
    }

    private void exchangeToken(HttpExchange exchange, Map<String, String> q) throws IOException {
        Token shortLived = validToken(q.get("access_token"));
        if (!"ig_exchange_token".equals(q.get("grant_type"))) {
            send(exchange, 400, "application/json", graphError("Unsupported grant_type", 100, null));
        } else if (shortLived == null || shortLived.longLived()) {
            send(exchange, 400, "application/json", graphError("Invalid OAuth access token.", 190, 460));
        } else if (!apps.containsKey(shortLived.clientId()) || !apps.get(shortLived.clientId()).secret().equals(q.get("client_secret"))) {
            send(exchange, 400, "application/json", graphError("Error validating client secret.", 101, null));
        } else {
            issueLongLived(exchange, shortLived.clientId(), shortLived.userId());
        }
    }

    private void refresh(HttpExchange exchange, Map<String, String> q) throws IOException {
        Token token = validToken(q.get("access_token"));
        if (!"ig_refresh_token".equals(q.get("grant_type"))) {
            send(exchange, 400, "application/json", graphError("Unsupported grant_type", 100, null));
        } else if (token == null || !token.longLived()) {
            send(exchange, 400, "application/json", graphError("Invalid OAuth access token.", 190, 460));
        } else if (now() - token.issuedAt() < 24 * 3600) {
            send(exchange, 400, "application/json", graphError("Token must be at least 24 hours old to refresh", 100, null));
        } else {
            issueLongLived(exchange, token.clientId(), token.userId());
        }
    }

    private void issueLongLived(HttpExchange exchange, String clientId, String userId) throws IOException {
        String token = nextToken("IGAA");
        long expiresIn = longLivedExpiresIn.get();
        tokens.put(token, new Token(true, clientId, userId, now(), now() + expiresIn));
        send(exchange, 200, "application/json", "{\"access_token\":" + Json.quote(token)
                + ",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn + "}");
    }

    private void me(HttpExchange exchange) throws IOException {
        Token token = graphToken(exchange);
        if (token == null) {
            return;
        }
        User user = users.get(token.userId());
        String username = user == null ? "user" + token.userId() : user.username();
        send(exchange, 200, "application/json", "{\"user_id\":" + Json.quote(token.userId()) + ",\"username\":"
                + Json.quote(username) + ",\"id\":" + Json.quote(token.userId()) + "}");
    }

    private void mediaList(HttpExchange exchange, Map<String, String> q) throws IOException {
        Token token = graphToken(exchange);
        if (token == null) {
            return;
        }
        int limit;
        int start;
        try {
            limit = Math.min(100, Math.max(1, Integer.parseInt(q.getOrDefault("limit", "25"))));
            start = q.containsKey("after") ? cursorIndex(q.get("after")) : 0;
        } catch (IllegalArgumentException e) {
            send(exchange, 400, "application/json", graphError("Invalid parameter", 100, null));
            return;
        }
        List<MediaLibrary.Item> feed = media.feed(token.userId());
        int end = Math.min(feed.size(), start + limit);
        StringBuilder data = new StringBuilder("[");
        for (int i = start; i < end; i++) {
            data.append(i > start ? "," : "").append(itemJson(feed.get(i), true));
        }
        data.append(']');
        String paging = "";
        if (end > start) {
            paging = ",\"paging\":{\"cursors\":{\"before\":" + Json.quote(cursor(start)) + ",\"after\":" + Json.quote(cursor(end)) + "}";
            if (end < feed.size()) {
                paging += ",\"next\":" + Json.quote(graphUrl() + "/me/media?limit=" + limit + "&after=" + cursor(end));
            }
            paging += "}";
        }
        send(exchange, 200, "application/json", "{\"data\":" + data + paging + "}");
    }

    private void mediaItem(HttpExchange exchange, String id) throws IOException {
        Token token = graphToken(exchange);
        if (token == null) {
            return;
        }
        MediaLibrary.Item item = media.item(id);
        if (item == null || !item.ownerId().equals(token.userId())) {
            send(exchange, 400, "application/json", graphError("Unsupported get request. Object with ID '" + id
                    + "' does not exist", 100, 33));
            return;
        }
        send(exchange, 200, "application/json", itemJson(item, true));
    }

    private String itemJson(MediaLibrary.Item item, boolean withChildren) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("id", Json.quote(item.id()));
        if (item.caption() != null) {
            f.put("caption", Json.quote(item.caption()));
        }
        f.put("media_type", Json.quote(item.type()));
        f.put("media_url", Json.quote(cdnBaseUrl + "/" + item.file()));
        if (item.thumbnailFile() != null) {
            f.put("thumbnail_url", Json.quote(cdnBaseUrl + "/" + item.thumbnailFile()));
        }
        f.put("permalink", Json.quote("https://www.instagram.com/p/SIM" + item.id() + "/"));
        f.put("timestamp", Json.quote(item.timestamp()));
        if (withChildren && !item.children().isEmpty()) {
            StringBuilder children = new StringBuilder("{\"data\":[");
            for (int i = 0; i < item.children().size(); i++) {
                children.append(i > 0 ? "," : "").append(itemJson(item.children().get(i), false));
            }
            f.put("children", children.append("]}").toString());
        }
        return Json.object(f);
    }

    private void cdn(HttpExchange exchange, String name, Map<String, String> q) throws IOException {
        if (name.equals("redirect") && q.containsKey("to")) {
            exchange.getResponseHeaders().add("Location", q.get("to"));
            exchange.sendResponseHeaders(302, -1);
            return;
        }
        if (name.startsWith("big/")) {
            long size = Long.parseLong(name.substring(4));
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, size);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (long left = size; left > 0; left -= chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
            } catch (IOException e) {
                // the client stopped reading, as it should past its size cap
            }
            return;
        }
        byte[] bytes = media.file(name);
        if (bytes == null) {
            send(exchange, 404, "text/plain", "not found");
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", MediaLibrary.contentType(name));
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The control API of the local run (tests use the Java methods). Form-encoded in, JSON out. */
    private void control(HttpExchange exchange, String method, String path) throws IOException {
        if (method.equals("POST") && path.equals("/_control/apps")) {
            Map<String, String> f = parse(body(exchange));
            registerApp(f.get("clientId"), f.get("clientSecret"), f.getOrDefault("redirectUris", "").split(","));
            send(exchange, 204, null, null);
        } else if (method.equals("POST") && path.equals("/_control/users")) {
            Map<String, String> f = parse(body(exchange));
            registerUser(f.get("userId"), f.get("username"), Integer.parseInt(f.getOrDefault("mediaCount", "10")));
            send(exchange, 204, null, null);
        } else if (method.equals("GET") && path.equals("/_control/calls")) {
            Map<String, String> counts = new LinkedHashMap<>();
            ENDPOINTS.stream().sorted().forEach(e -> counts.put(e, Integer.toString(calls(e))));
            send(exchange, 200, "application/json", Json.object(counts));
        } else if (method.equals("POST") && path.equals("/_control/reset")) {
            resetCounters();
            clearFaults();
            send(exchange, 204, null, null);
        } else {
            send(exchange, 404, "application/json", graphError("Unknown path " + path, 100, null));
        }
    }

    // ---- helpers ----

    private String checkClient(String clientId, String redirectUri) {
        App app = clientId == null ? null : apps.get(clientId);
        if (app == null) {
            return "Invalid platform app";
        }
        if (redirectUri == null || !app.redirectUris().contains(redirectUri)) {
            return "Invalid redirect_uri: it is not one of this app's Valid OAuth Redirect URIs";
        }
        return null;
    }

    private Token validToken(String value) {
        if (value == null || invalidated.contains(value)) {
            return null;
        }
        Token token = tokens.get(value);
        return token == null || token.expiresAt() <= now() ? null : token;
    }

    /** The token of a Graph call (query or Authorization header); answers 190 and returns null when invalid. */
    private Token graphToken(HttpExchange exchange) throws IOException {
        String value = parse(exchange.getRequestURI().getRawQuery()).get("access_token");
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (value == null && header != null) {
            value = header.replaceFirst("(?i)^(Bearer|OAuth)\\s+", "").trim();
        }
        Token token = validToken(value);
        if (token == null) {
            send(exchange, 400, "application/json", graphError("Error validating access token: the session is invalid.", 190, 460));
        }
        return token;
    }

    private String nextToken(String prefix) {
        String queued = nextTokens.poll();
        return queued != null ? queued : randomToken(prefix);
    }

    private String randomToken(String prefix) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static String cursor(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("idx:" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static int cursorIndex(String cursor) {
        String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        if (!decoded.startsWith("idx:")) {
            throw new IllegalArgumentException("cursor");
        }
        return Integer.parseInt(decoded.substring(4));
    }

    private static String graphError(String message, int code, Integer subcode) {
        return "{\"error\":{\"message\":" + Json.quote(message) + ",\"type\":\"OAuthException\",\"code\":" + code
                + (subcode == null ? "" : ",\"error_subcode\":" + subcode) + ",\"fbtrace_id\":\"ASIM" + Long.toHexString(System.nanoTime()) + "\"}}";
    }

    private static void record(Map<String, List<String>> seen, String endpoint, String value) {
        seen.computeIfAbsent(endpoint, e -> Collections.synchronizedList(new ArrayList<>())).add(value);
    }

    private static void requireEndpoint(String endpoint) {
        if (!ENDPOINTS.contains(endpoint)) {
            throw new IllegalArgumentException("unknown endpoint " + endpoint + "; known: " + ENDPOINTS);
        }
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readNBytes(1024 * 1024), StandardCharsets.UTF_8);
        }
    }

    static Map<String, String> parse(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title></head><body>"
                + body + "</body></html>";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + esc(value) + "\">";
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
