package dev.authbroker.it.support;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser going through the sign-in popup: it keeps its own cookie, follows the broker's redirect to the
 * simulator's consent form, submits it like a person clicking Allow or Cancel, and brings the answer back.
 */
public final class Popup {

    private static final Pattern SESSION = Pattern.compile("\"session\":\"([^\"]+)\"");
    private static final Pattern ERROR = Pattern.compile("\"error\":\"([^\"]+)\"");

    private final String host;
    private String cookie;

    public Popup() {
        this(null);
    }

    /** A browser that talks to the broker under another Host (a custom domain). */
    public Popup(String host) {
        this.host = host;
    }

    public String cookie() {
        return cookie;
    }

    public Popup withCookie(String value) {
        this.cookie = value;
        return this;
    }

    /** Step 1: the picker opens the popup. */
    public Http.Reply open(String query) {
        Http.Reply reply = withHost(Http.get(Broker.url("/api/client/instagram/auth/open?" + query))).send();
        for (String header : reply.headers("Set-Cookie")) {
            if (header.startsWith("authbroker_browser=")) {
                cookie = header.substring("authbroker_browser=".length(), header.indexOf(';'));
            }
        }
        return reply;
    }

    /** Step 2: the person chooses at the simulator's consent page; answers the redirect back to the broker. */
    public String consent(Http.Reply openReply, String userId, boolean allow) {
        String location = openReply.header("Location");
        if (openReply.status() != 302 || location == null) {
            throw new AssertionError("expected a redirect to Instagram, got " + openReply);
        }
        return consent(location, userId, allow);
    }

    /** Step 2 from the authorize URL the broker redirected to. */
    public static String consent(String location, String userId, boolean allow) {
        Map<String, String> query = query(URI.create(location));
        Http.Reply page = Http.get(location).send();
        if (page.status() != 200) {
            throw new AssertionError("consent page refused: " + page);
        }
        String form = "client_id=" + enc(query.get("client_id")) + "&redirect_uri=" + enc(query.get("redirect_uri"))
                + "&scope=" + enc(query.get("scope")) + "&state=" + enc(query.get("state"))
                + "&user_id=" + enc(userId) + "&decision=" + (allow ? "allow" : "cancel");
        Http.Reply submitted = Http.post(location.substring(0, location.indexOf('?'))).form(form).send();
        if (submitted.status() != 302) {
            throw new AssertionError("consent not accepted: " + submitted);
        }
        return submitted.header("Location");
    }

    /** Step 3: the browser follows Instagram's redirect to the broker's callback. */
    public Http.Reply callback(String callbackUrl) {
        String url = callbackUrl.contains("#") ? callbackUrl.substring(0, callbackUrl.indexOf('#')) : callbackUrl;
        if (host != null) {
            URI uri = URI.create(url);
            url = Broker.base() + uri.getRawPath() + "?" + uri.getRawQuery();
        }
        Http request = withHost(Http.get(url));
        if (cookie != null) {
            request.header("Cookie", "authbroker_browser=" + cookie);
        }
        return request.send();
    }

    /** The whole flow as a person clicking Allow; answers the final popup page. */
    public Http.Reply signIn(String query, String userId) {
        return callback(consent(open(query), userId, true));
    }

    private Http withHost(Http request) {
        return host == null ? request : request.header("Host", host);
    }

    public static String session(Http.Reply page) {
        Matcher m = SESSION.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no session in the popup page: " + page);
        }
        return m.group(1);
    }

    public static String postedError(Http.Reply page) {
        Matcher m = ERROR.matcher(page.body());
        return m.find() ? m.group(1) : null;
    }

    public static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return out;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    public static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
