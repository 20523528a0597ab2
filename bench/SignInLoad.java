import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The benchmark's Java helper, run as a single source file: {@code java bench/SignInLoad.java MODE --option value ...}.
 *
 * <ul>
 *   <li>{@code relay --port P --upstream URL}: a timing relay on 127.0.0.1:P in front of the Instagram simulator.
 *   The broker's token-url and graph-url point here; every call is forwarded unchanged and the time the relay spent
 *   answering it (request read → upstream answered → response written) is added to the sign-in it belongs to,
 *   keyed by authorization code (token call → short-lived token → long-lived token → profile call).
 *   {@code GET /_relay/times} lists {@code code nanos calls} per sign-in; {@code POST /_relay/reset} forgets them.</li>
 *   <li>{@code users --simulator URL --count N}: registers N test users in the simulator (control API).</li>
 *   <li>{@code signin --broker URL --simulator URL --relay URL --apikey K --origin O --users N --concurrency C
 *   --seconds T}: C virtual users each loop over full sign-ins (auth/open → consent POST → callback) for T seconds,
 *   HTTP/1.1, redirects not followed; prints one {@code SIGNIN key=value ...} line.</li>
 *   <li>{@code sign --secret S --count N --offset K --users M --out FILE}: N distinct Meta signed_requests (one
 *   {@code signed_request=...} form body per line) for user ids spread over the M seeded connections.</li>
 * </ul>
 */
public final class SignInLoad {

    /** Instagram-like user ids: the seeded connections and the simulator's test users share this base. */
    static final long USER_BASE = 17841000000000000L;
    static final long SIM_USER_BASE = 17842000000000000L;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: java SignInLoad.java relay|users|signin|sign --option value ...");
        }
        Map<String, String> o = options(args);
        switch (args[0]) {
            case "relay" -> relay(Integer.parseInt(o.get("port")), o.get("upstream"));
            case "users" -> users(o.get("simulator"), Integer.parseInt(o.get("count")));
            case "signin" -> signin(o);
            case "sign" -> sign(o.get("secret"), Integer.parseInt(o.get("count")), Long.parseLong(o.getOrDefault("offset", "0")),
                    Long.parseLong(o.get("users")), Path.of(o.get("out")));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    // ------------------------------------------------------------------------------------------------ relay

    private static final Pattern ACCESS_TOKEN_JSON = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    static void relay(int port, String upstream) throws IOException {
        String base = upstream.endsWith("/") ? upstream.substring(0, upstream.length() - 1) : upstream;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, String> tokenToCode = new ConcurrentHashMap<>();
        Map<String, long[]> perCode = new ConcurrentHashMap<>();
        // TCP_NODELAY: without it the JDK server answers small keep-alive exchanges ~40 ms late (delayed ACK).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "relay");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/_relay/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (path.equals("/_relay/reset")) {
                    tokenToCode.clear();
                    perCode.clear();
                    send(exchange, 200, "text/plain", "reset\n".getBytes(StandardCharsets.UTF_8));
                } else if (path.equals("/_relay/times")) {
                    StringBuilder out = new StringBuilder();
                    perCode.forEach((code, t) -> {
                        synchronized (t) {
                            out.append(code).append(' ').append(t[0]).append(' ').append(t[1]).append('\n');
                        }
                    });
                    send(exchange, 200, "text/plain", out.toString().getBytes(StandardCharsets.UTF_8));
                } else {
                    send(exchange, 404, "text/plain", "no such relay endpoint\n".getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        server.createContext("/", exchange -> {
            long start = System.nanoTime();
            String key = null;
            try (exchange) {
                URI uri = exchange.getRequestURI();
                String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                byte[] body = exchange.getRequestBody().readAllBytes();
                String method = exchange.getRequestMethod();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                        .timeout(Duration.ofSeconds(10))
                        .method(method, body.length == 0 && method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                for (String header : List.of("Content-Type", "Authorization", "Accept")) {
                    String value = exchange.getRequestHeaders().getFirst(header);
                    if (value != null) {
                        request.header(header, value);
                    }
                }
                HttpResponse<byte[]> answer;
                try {
                    answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    send(exchange, 502, "text/plain", "relay interrupted\n".getBytes(StandardCharsets.UTF_8));
                    return;
                } catch (IOException e) {
                    send(exchange, 502, "text/plain", ("relay: " + e + "\n").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                // Which sign-in this call belongs to: the code, or a token that came out of that code.
                String path = uri.getPath();
                String answerText = new String(answer.body(), StandardCharsets.UTF_8);
                Matcher issued = ACCESS_TOKEN_JSON.matcher(answerText);
                if (path.endsWith("/oauth/access_token")) {
                    key = form(new String(body, StandardCharsets.UTF_8)).get("code");
                } else {
                    String token = form(uri.getRawQuery() == null ? "" : uri.getRawQuery()).get("access_token");
                    String auth = exchange.getRequestHeaders().getFirst("Authorization");
                    if (token == null && auth != null && auth.startsWith("Bearer ")) {
                        token = auth.substring(7);
                    }
                    key = token == null ? null : tokenToCode.get(token);
                }
                if (key != null && issued.find()) {
                    tokenToCode.put(issued.group(1), key);
                }
                send(exchange, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse("application/json"),
                        answer.body());
            } finally {
                long nanos = System.nanoTime() - start;
                if (key != null) {
                    long[] t = perCode.computeIfAbsent(key, k -> new long[2]);
                    synchronized (t) {
                        t[0] += nanos;
                        t[1]++;
                    }
                }
            }
        });
        server.start();
        System.out.println("relay on http://127.0.0.1:" + port + " -> " + base);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ users

    static void users(String simulator, int count) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    String body = "{\"userId\":\"" + (SIM_USER_BASE + n) + "\",\"username\":\"bench_user_" + n + "\",\"mediaCount\":1}";
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(simulator + "/_control/users"))
                            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("registering user " + n + ": " + r.statusCode() + " " + r.body());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("registered " + count + " simulator users");
    }

    // ------------------------------------------------------------------------------------------------ signin

    /** One completed sign-in: the code it used, its total and callback durations. */
    record Done(String code, long totalNanos, long callbackNanos) {
    }

    static void signin(Map<String, String> o) throws Exception {
        String broker = o.get("broker");
        String simulator = o.get("simulator");
        String relay = o.get("relay");
        String apikey = o.get("apikey");
        String origin = o.get("origin");
        int users = Integer.parseInt(o.get("users"));
        int concurrency = Integer.parseInt(o.get("concurrency"));
        int seconds = Integer.parseInt(o.get("seconds"));
        String startUrl = broker + "/api/client/instagram/auth/open?apikey=" + enc(apikey) + "&origin=" + enc(origin);

        post(relay + "/_relay/reset", "");
        List<Done> done = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());
        AtomicLong nextUser = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long began = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            pool.submit(() -> {
                // One client per virtual user: its own connections, like separate browsers.
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
                while (System.nanoTime() < deadline) {
                    long user = SIM_USER_BASE + nextUser.getAndIncrement() % users;
                    try {
                        done.add(oneSignIn(client, startUrl, simulator, user));
                    } catch (Exception e) {
                        String kind = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).split("\n")[0];
                        if (kind.length() > 160) {
                            kind = kind.substring(0, 160);
                        }
                        failures.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                        if (firstErrors.size() < 3) {
                            firstErrors.add(kind);
                        }
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        double elapsed = (System.nanoTime() - began) / 1e9;

        // Upstream time per sign-in, as the relay saw it.
        Map<String, long[]> upstream = new HashMap<>();
        for (String line : get(relay + "/_relay/times").split("\n")) {
            String[] p = line.trim().split(" ");
            if (p.length == 3) {
                upstream.put(p[0], new long[] {Long.parseLong(p[1]), Long.parseLong(p[2])});
            }
        }
        List<Long> total = new ArrayList<>();
        List<Long> callback = new ArrayList<>();
        List<Long> up = new ArrayList<>();
        List<Long> own = new ArrayList<>();
        int unmatched = 0;
        synchronized (done) {
            for (Done d : done) {
                total.add(d.totalNanos());
                callback.add(d.callbackNanos());
                long[] u = upstream.get(d.code());
                if (u == null || u[1] != 3) {
                    unmatched++;
                    continue;
                }
                up.add(u[0]);
                own.add(d.callbackNanos() - u[0]);
            }
        }
        long failed = failures.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf(Locale.ROOT, "SIGNIN concurrency=%d seconds=%.1f completed=%d failed=%d rate=%.2f"
                        + " total_p50=%.2f total_p99=%.2f callback_p50=%.2f callback_p99=%.2f"
                        + " upstream_p50=%.2f upstream_p99=%.2f broker_p50=%.2f broker_p99=%.2f broker_max=%.2f matched=%d unmatched=%d%n",
                concurrency, elapsed, done.size(), failed, done.size() / elapsed,
                ms(total, 50), ms(total, 99), ms(callback, 50), ms(callback, 99),
                ms(up, 50), ms(up, 99), ms(own, 50), ms(own, 99), ms(own, 100), own.size(), unmatched);
        failures.forEach((kind, n) -> System.out.println("  failure x" + n.get() + ": " + kind));
    }

    private static Done oneSignIn(HttpClient client, String startUrl, String simulator, long user) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> start = client.send(HttpRequest.newBuilder(URI.create(startUrl)).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        expect(start, 302, "auth/open");
        String authorize = start.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException("no Location"));
        String cookie = start.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("authbroker_browser=")).map(c -> c.split(";", 2)[0]).findFirst()
                .orElseThrow(() -> new IllegalStateException("no authbroker_browser cookie"));
        Map<String, String> q = form(URI.create(authorize).getRawQuery());
        String consentForm = "client_id=" + enc(q.get("client_id")) + "&redirect_uri=" + enc(q.get("redirect_uri"))
                + "&scope=" + enc(q.get("scope")) + "&state=" + enc(q.get("state")) + "&user_id=" + user + "&decision=allow";
        HttpResponse<String> consent = client.send(HttpRequest.newBuilder(URI.create(simulator + "/oauth/authorize"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(consentForm)).build(), HttpResponse.BodyHandlers.ofString());
        expect(consent, 302, "consent");
        String back = consent.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException("no Location"));
        int hash = back.indexOf('#');
        if (hash >= 0) {
            back = back.substring(0, hash);
        }
        String code = form(URI.create(back).getRawQuery()).get("code");
        if (code == null) {
            throw new IllegalStateException("consent gave no code: " + back);
        }
        long c0 = System.nanoTime();
        HttpResponse<String> done = client.send(HttpRequest.newBuilder(URI.create(back)).timeout(Duration.ofSeconds(30))
                .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
        long c1 = System.nanoTime();
        expect(done, 200, "callback");
        if (!done.body().contains("\"status\":\"connected\"")) {
            throw new IllegalStateException("callback page is not connected");
        }
        return new Done(code, c1 - t0, c1 - c0);
    }

    private static void expect(HttpResponse<String> r, int status, String step) {
        if (r.statusCode() != status) {
            String body = r.body() == null ? "" : r.body().replaceAll("\\s+", " ");
            Matcher m = Pattern.compile("<p[^>]*>([^<]{0,120})").matcher(body);
            throw new IllegalStateException(step + " answered " + r.statusCode() + (m.find() ? " (" + m.group(1) + ")" : ""));
        }
    }

    private static double ms(List<Long> nanos, int percentile) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void post(String url, String body) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
    }

    // ------------------------------------------------------------------------------------------------ sign

    /**
     * Writes {@code count} form bodies {@code signed_request=SIG.PAYLOAD}; request i names seeded user
     * {@code USER_BASE + 1 + ((offset + i) * 7919 mod users)}: distinct for count + offset ≤ users (7919 is prime
     * and does not divide a power of ten), spread over the whole index.
     */
    static void sign(String secret, int count, long offset, long users, Path out) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long issuedAt = System.currentTimeMillis() / 1000;
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.US_ASCII))) {
            for (long i = 0; i < count; i++) {
                long user = USER_BASE + 1 + Math.floorMod((offset + i) * 7919L, users);
                String json = "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + issuedAt + ",\"user_id\":\"" + user + "\"}";
                String payload = b64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
                String signature = b64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
                w.print("signed_request=" + signature + "." + payload + "\n");
            }
        }
        System.out.println("wrote " + count + " signed requests to " + out);
    }
}
