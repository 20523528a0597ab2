package dev.authbroker.it.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Serves a folder of static files on 127.0.0.1 under a path prefix: the demo picker on an origin of its own. */
public final class StaticSite implements AutoCloseable {

    private final HttpServer server;

    public StaticSite(Path folder, String prefix, int port) {
        Path root = folder.toAbsolutePath().normalize();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(prefix, exchange -> {
            try (exchange) {
                String rest = exchange.getRequestURI().getPath().substring(prefix.length());
                Path file = root.resolve(rest.isEmpty() || rest.endsWith("/") ? rest + "index.html" : rest).normalize();
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                String name = file.getFileName().toString();
                exchange.getResponseHeaders().set("Content-Type", name.endsWith(".html") ? "text/html; charset=utf-8"
                        : name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css" : "application/octet-stream");
                byte[] bytes = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
