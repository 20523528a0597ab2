package dev.authbroker.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A strict fake of Instagram API with Instagram Login on a local port. Tests drive it in-process: register apps and
 * users, then count the calls each endpoint received, see which client_id and redirect_uri arrived, inject faults and
 * mint codes or tokens directly. All methods are safe to call from any thread while requests are served.
 *
 * <pre>{@code
 * try (InstagramSimulator instagram = InstagramSimulator.start("127.0.0.1", 0)) {
 *     instagram.registerApp("app-1", "secret-1", "http://localhost:8080/callback");
 *     instagram.registerUser("17841400000000001", "demo_creator", 30);
 *     ... point the broker at instagram.authorizeUrl(), tokenUrl(), graphUrl() ...
 * }
 * }</pre>
 */
public final class InstagramSimulator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InstagramSimulator.class.getName());
    private static final int THREADS = 16;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private volatile String cdnBaseUrl;

    private final SimulatorClock clock = new SimulatorClock();
    private final Apps apps = new Apps();
    private final Users users = new Users();
    private final Codes codes = new Codes(clock);
    private final Tokens tokens = new Tokens(clock);
    private final MediaLibrary media = new MediaLibrary();
    private final CallLog log = new CallLog();
    private final Faults faults = new Faults();

    private InstagramSimulator(HttpServer server, ExecutorService executor, String host) {
        this.server = server;
        this.executor = executor;
        String urlHost = host.contains(":") ? "[" + host + "]" : host;
        this.baseUrl = "http://" + urlHost + ":" + server.getAddress().getPort();
        this.cdnBaseUrl = baseUrl + "/cdn";
        route("/oauth/", new OAuthEndpoints(apps, users, codes, tokens, log));
        route(GraphEndpoints.PREFIX + "/", new GraphEndpoints(apps, users, tokens, media, this::graphUrl,
                () -> cdnBaseUrl));
        route(CdnEndpoints.PREFIX, new CdnEndpoints(media));
        server.createContext(ControlEndpoints.PREFIX, new ControlEndpoints(this));
        server.createContext("/", exchange -> {
            try (exchange) {
                Http.send(exchange, 404, "text/plain; charset=UTF-8", "not found");
            }
        });
    }

    /** Starts serving on {@code bindHost:port} (port 0 picks a free one); binds nothing but that address. */
    public static InstagramSimulator start(String bindHost, int port) {
        // Without TCP_NODELAY the JDK's server answers small keep-alive exchanges ~40 ms late (Nagle's algorithm
        // meeting the client's delayed ACK). Read once, when the JVM's first HttpServer is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bindHost, port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bindHost + ":" + port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "instagram-simulator-" + threads.incrementAndGet());
            // Daemon threads: a test that forgets close() must not keep the JVM (and the build) alive.
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        InstagramSimulator simulator = new InstagramSimulator(server, executor, bindHost);
        server.start();
        return simulator;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String authorizeUrl() {
        return baseUrl + OAuthEndpoints.AUTHORIZE_PATH;
    }

    public String tokenUrl() {
        return baseUrl + OAuthEndpoints.TOKEN_PATH;
    }

    public String graphUrl() {
        return baseUrl + GraphEndpoints.PREFIX;
    }

    /** Where media_url and thumbnail_url point (default {@code baseUrl() + "/cdn"}); file names are appended. */
    public void setCdnBaseUrl(String url) {
        this.cdnBaseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Registers an app, or replaces the one with this client id. Redirect URIs are matched byte for byte. */
    public void registerApp(String clientId, String clientSecret, String... redirectUris) {
        apps.register(clientId, clientSecret, Arrays.asList(redirectUris));
    }

    /** Registers a test user (or replaces it, with a new feed) with {@code mediaCount} generated posts. */
    public void registerUser(String userId, String username, int mediaCount) {
        users.register(new Users.User(userId, username));
        media.createFeed(userId, username, mediaCount);
    }

    /** Calls received by an endpoint since start or the last {@link #resetCounters()}; faulted calls count too. */
    public int calls(String endpoint) {
        return log.calls(endpoint);
    }

    /** The client_id of each call to "authorize" or "token", in arrival order (the string "null" when absent). */
    public List<String> clientIdsSeen(String endpoint) {
        return log.clientIds(endpoint);
    }

    /** The redirect_uri of each call to "authorize" or "token", in arrival order (the string "null" when absent). */
    public List<String> redirectUrisSeen(String endpoint) {
        return log.redirectUris(endpoint);
    }

    public void resetCounters() {
        log.reset();
    }

    /** The next {@code times} calls to the endpoint play this fault. */
    public void injectFault(String endpoint, Fault fault, int times) {
        faults.inject(endpoint, fault, times);
    }

    /** Drops every fault not yet played. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * The next token issued by "token" (short-lived) or "exchange"/"refresh" (long-lived) takes this value, so tests
     * can search logs and tables for a known canary. Each call queues one value, used once, in order.
     */
    public void setNextAccessToken(String value) {
        tokens.queueNextValue(value);
    }

    /** The lifetime of long-lived tokens issued from now on (default 5184000 s, 60 days). */
    public void setLongLivedExpiresIn(long seconds) {
        tokens.setLongLivedSeconds(seconds);
    }

    /** From now on Graph calls with this token fail with code 190, as after the person removed the app. */
    public void invalidateToken(String accessToken) {
        tokens.invalidate(accessToken);
    }

    /**
     * The app-scoped id of account {@code userId} for app {@code clientId}: what the code exchange answers as
     * {@code user_id} and {@code /me} as {@code id}. Different for each app; {@code userId} itself is the professional
     * account id ({@code /me}'s {@code user_id}).
     */
    public String appScopedId(String clientId, String userId) {
        return AppScopedIds.of(clientId, userId);
    }

    /** An authorization code as if the user had pressed Allow, for scope instagram_business_basic. */
    public String issueCodeForTest(String clientId, String redirectUri, String userId) {
        return codes.issue(clientId, redirectUri, userId, List.of("instagram_business_basic"));
    }

    /** The bytes served at {@code /cdn/{name}} (a copy), or null when no media has that file name. */
    public byte[] cdnFile(String name) {
        byte[] bytes = media.file(name);
        return bytes == null ? null : bytes.clone();
    }

    /** A valid long-lived token issued {@code ageSeconds} ago that expires {@code expiresInSeconds} from now. */
    public String issueLongLivedTokenForTest(String clientId, String userId, long ageSeconds, long expiresInSeconds) {
        return tokens.issueLongLivedAged(clientId, userId, ageSeconds, expiresInSeconds);
    }

    /** Moves the simulator's clock forward, to expire codes (10 min) and tokens without waiting. */
    public void advanceClock(long seconds) {
        clock.advance(seconds);
    }

    /** Every endpoint's call count, in a stable order. */
    public Map<String, Integer> callCounts() {
        return log.snapshot();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void route(String prefix, Area area) {
        server.createContext(prefix, exchange -> dispatch(area, exchange));
    }

    /** Counts the call and plays a queued fault before the area's own handling, the same for every endpoint. */
    private void dispatch(Area area, HttpExchange exchange) {
        try (exchange) {
            try {
                String endpoint = area.endpoint(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
                if (endpoint == null) {
                    Http.send(exchange, 404, "text/plain; charset=UTF-8", "not found");
                    return;
                }
                log.count(endpoint);
                Fault fault = faults.next(endpoint);
                if (fault != null && Faults.play(fault, exchange)) {
                    return;
                }
                area.handle(endpoint, exchange);
            } catch (IllegalArgumentException e) {
                // Malformed percent-encoding or an oversized body: the client's mistake.
                if (!Http.answered(exchange)) {
                    Http.graphError(exchange, GraphError.INVALID_PARAMETER, null, "Invalid request: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "simulator failure on " + exchange.getRequestURI().getPath(), e);
                if (!Http.answered(exchange)) {
                    Http.json(exchange, 500, GraphError.body(2, null, "simulator failure: " + e));
                }
            }
        } catch (IOException e) {
            // The client went away; nothing to answer.
        }
    }
}
