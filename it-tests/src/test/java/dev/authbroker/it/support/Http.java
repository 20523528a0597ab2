package dev.authbroker.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small fluent HTTP client for black-box tests. Never follows redirects: tests assert them. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            // HTTP/1.1: over h2c the Host header of custom-domain tests would give way to the URI's authority.
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String method;
    private final String url;
    private final List<String> headers = new ArrayList<>();
    private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

    private Http(String method, String url) {
        this.method = method;
        this.url = url;
    }

    public static Http get(String url) {
        return new Http("GET", url);
    }

    public static Http post(String url) {
        return new Http("POST", url);
    }

    public static Http put(String url) {
        return new Http("PUT", url);
    }

    public static Http patch(String url) {
        return new Http("PATCH", url);
    }

    public static Http delete(String url) {
        return new Http("DELETE", url);
    }

    public static Http method(String method, String url) {
        return new Http(method, url);
    }

    public Http header(String name, String value) {
        headers.add(name);
        headers.add(value);
        return this;
    }

    public Http bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    public Http json(String json) {
        header("Content-Type", "application/json");
        body = HttpRequest.BodyPublishers.ofString(json);
        return this;
    }

    public Http body(String contentType, String content) {
        header("Content-Type", contentType);
        body = HttpRequest.BodyPublishers.ofString(content);
        return this;
    }

    public Http form(String urlEncoded) {
        return body("application/x-www-form-urlencoded", urlEncoded);
    }

    /**
     * A body sent chunked (no {@code Content-Length}): {@code prefix}, then {@code fillerBytes} more bytes of
     * {@code filler}, produced as they are sent so a test can send megabytes without holding them.
     */
    public Http chunked(String contentType, String prefix, long fillerBytes, char filler) {
        header("Content-Type", contentType);
        byte[] head = prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        body = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.InputStream() {
            private long sent;

            @Override
            public int read() {
                if (sent < head.length) {
                    return head[(int) sent++];
                }
                return sent++ < head.length + fillerBytes ? filler : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len) {
                    int c = read();
                    if (c < 0) {
                        return n == 0 ? -1 : n;
                    }
                    b[off + n++] = (byte) c;
                }
                return n;
            }
        });
        return this;
    }

    /**
     * Sends {@code head} (request line and headers, CRLF-separated, without the blank line) and {@code body} as
     * they are, on one fresh connection, and answers the final status code (0 when the server closed without one). For
     * framing no HTTP client library will produce, such as a malformed {@code Content-Length}.
     */
    public static int rawStatus(String url, String head, String body) {
        URI uri = URI.create(url);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((head + "\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("HTTP/")) {
                    continue;
                }
                int status = Integer.parseInt(line.split(" ")[1]);
                if (status >= 200) {
                    return status;
                }
                // an interim answer (100 Continue): the final one follows
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Reply send() {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body);
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A request sent from 127.0.0.2 — the trusted proxy of the tests' {@code authbroker.trusted-proxies} — to the
     * broker, with {@code headers} ("Name: value") as given (Host defaults to the platform's); answers the whole
     * response as text.
     */
    public static String viaTrustedProxy(String method, String path, String... headers) {
        StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        if (java.util.Arrays.stream(headers).noneMatch(h -> h.regionMatches(true, 0, "Host:", 0, 5))) {
            request.append("Host: localhost:").append(System.getProperty("it.broker.port")).append("\r\n");
        }
        request.append("Connection: close\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        request.append("\r\n");
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress("127.0.0.2", 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", Integer.getInteger("it.broker.port")), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An answer: status, headers and body. */
    public record Reply(HttpResponse<byte[]> response) {

        public int status() {
            return response.statusCode();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public List<String> headers(String name) {
            return response.headers().allValues(name);
        }

        public byte[] bytes() {
            return response.body();
        }

        public String body() {
            return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        }

        public JsonObject json() {
            return (JsonObject) structure();
        }

        public JsonArray jsonArray() {
            return (JsonArray) structure();
        }

        private JsonStructure structure() {
            try (var reader = Json.createReader(new StringReader(body()))) {
                return reader.read();
            } catch (RuntimeException e) {
                throw new AssertionError("not JSON (HTTP " + status() + "): " + body(), e);
            }
        }

        @Override
        public String toString() {
            return "HTTP " + status() + " " + body();
        }
    }
}
