package dev.authbroker.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The media CDN: generated files by name, plus two helpers for the broker's download safeguards —
 * {@code /cdn/big/{bytes}} streams that many bytes (size caps) and {@code /cdn/redirect?to=} answers a redirect
 * (redirects must not lead the broker off its host allowlist).
 */
final class CdnEndpoints implements Area {

    static final String PREFIX = "/cdn/";
    /** Enough for any size-cap test, small enough that a typo cannot stream for hours. */
    static final long MAX_BIG_BYTES = 4L * 1024 * 1024 * 1024;

    private final MediaLibrary media;

    CdnEndpoints(MediaLibrary media) {
        this.media = media;
    }

    @Override
    public String endpoint(String method, String path) {
        return path.startsWith(PREFIX) ? "cdn" : null;
    }

    @Override
    public void handle(String endpoint, HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            Http.send(exchange, 405, "text/plain; charset=UTF-8", "method not allowed");
            return;
        }
        String name = exchange.getRequestURI().getPath().substring(PREFIX.length());
        if (name.equals("redirect")) {
            redirect(exchange, Http.query(exchange));
        } else if (name.startsWith("big/")) {
            big(exchange, name.substring("big/".length()));
        } else {
            file(exchange, name);
        }
    }

    private void file(HttpExchange exchange, String name) throws IOException {
        byte[] bytes = media.file(name);
        if (bytes == null) {
            notFound(exchange);
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "max-age=1209600");
        Http.bytes(exchange, 200, MediaFiles.contentType(name), bytes);
    }

    private static void redirect(HttpExchange exchange, Map<String, String> q) throws IOException {
        String to = q.get("to");
        if (to == null || !(to.startsWith("http://") || to.startsWith("https://") || to.startsWith("ftp://"))) {
            Http.send(exchange, 400, "text/plain; charset=UTF-8", "to must be an absolute URL");
            return;
        }
        Http.redirect(exchange, to);
    }

    private static void big(HttpExchange exchange, String size) throws IOException {
        long length;
        try {
            length = Long.parseLong(size);
        } catch (NumberFormatException e) {
            notFound(exchange);
            return;
        }
        if (length < 1 || length > MAX_BIG_BYTES) {
            notFound(exchange);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, length);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < length; sent += chunk.length) {
                fill(chunk, sent);
                out.write(chunk, 0, (int) Math.min(chunk.length, length - sent));
            }
        } catch (IOException e) {
            // Expected: a client enforcing its size cap hangs up midway.
        }
    }

    /** Deterministic bytes by absolute offset, so any prefix of the stream is the same on every request. */
    private static void fill(byte[] chunk, long offset) {
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) ((offset + i) % 251);
        }
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        Http.send(exchange, 404, "text/plain; charset=UTF-8", "not found");
    }
}
