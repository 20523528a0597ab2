package dev.authbroker.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Small answers and request readers shared by the endpoint classes. */
final class Http {

    /** Request bodies here are a handful of form fields; anything near this is a mistake worth refusing. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private Http() {
    }

    static void json(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, status, "application/json; charset=UTF-8", body);
    }

    static void html(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "text/html; charset=UTF-8", body);
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        bytes(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static void bytes(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        // The JDK server takes 0 as "chunked" and -1 as "no body", so an empty body has to be -1.
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    static void graphError(HttpExchange exchange, int code, Integer subcode, String message) throws IOException {
        json(exchange, 400, GraphError.body(code, subcode, message));
    }

    /** True once a status line went out, after which nothing else can be answered. */
    static boolean answered(HttpExchange exchange) {
        return exchange.getResponseCode() != -1;
    }

    static Map<String, String> query(HttpExchange exchange) {
        return Forms.parse(exchange.getRequestURI().getRawQuery());
    }

    /**
     * The fields of an {@code application/x-www-form-urlencoded} body. Any other content type yields no fields, as the
     * token endpoint then sees no parameters at all.
     */
    static Map<String, String> form(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String body = body(exchange);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return Map.of();
        }
        return Forms.parse(body);
    }

    static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IllegalArgumentException("request body too large");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    static String escapeHtml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
