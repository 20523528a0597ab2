package dev.authbroker.it.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Caddy (Debian's package) as a plain process in front of the broker, as deploy/Caddyfile sets it up: on-demand TLS
 * from its internal CA (no internet), asking the broker's certificate endpoint first, reverse proxy to the broker.
 * Caddy asks from 127.0.0.1; the tests' trusted proxy is 127.0.0.2, so its question goes through a relay here that
 * forwards it from there. Everything listens on 127.0.0.1; {@link #close} stops the process it started.
 */
public final class CaddyEdge implements AutoCloseable {

    private final Path dir;
    private final Process caddy;
    private final HttpServer relay;
    private final int httpsPort;

    private CaddyEdge(Path dir, Process caddy, HttpServer relay, int httpsPort) {
        this.dir = dir;
        this.caddy = caddy;
        this.relay = relay;
        this.httpsPort = httpsPort;
    }

    public static CaddyEdge start(int httpsPort, int relayPort) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("authbroker-caddy");
        HttpServer relay = HttpServer.create(new InetSocketAddress("127.0.0.1", relayPort), 16);
        relay.createContext("/", exchange -> {
            String answer = Http.viaTrustedProxy("GET", exchange.getRequestURI().toString(),
                    "Host: " + exchange.getRequestHeaders().getFirst("Host"));
            int status = Integer.parseInt(answer.substring(9, 12));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        relay.start();
        String config = """
                {
                	admin off
                	local_certs
                	skip_install_trust
                	auto_https disable_redirects
                	https_port %d
                	on_demand_tls {
                		ask http://127.0.0.1:%d/api/edge/certificate-allowed
                	}
                }

                https:// {
                	bind 127.0.0.1
                	tls {
                		on_demand
                	}
                	reverse_proxy 127.0.0.1:%s
                }
                """.formatted(httpsPort, relayPort, System.getProperty("it.broker.port"));
        Path caddyfile = dir.resolve("Caddyfile");
        Files.writeString(caddyfile, config);
        ProcessBuilder builder = new ProcessBuilder("caddy", "run", "--config", caddyfile.toString(), "--adapter", "caddyfile")
                .redirectErrorStream(true).redirectOutput(dir.resolve("caddy.log").toFile());
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        CaddyEdge edge = new CaddyEdge(dir, builder.start(), relay, httpsPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!edge.ready()) {
            if (!edge.caddy.isAlive() || System.nanoTime() > deadline) {
                String log = Files.exists(dir.resolve("caddy.log")) ? Files.readString(dir.resolve("caddy.log")) : "";
                edge.close();
                throw new IllegalStateException("Caddy did not start: " + log);
            }
            Thread.sleep(100);
        }
        return edge;
    }

    private boolean ready() {
        if (!Files.exists(rootCertificate())) {
            return false;
        }
        try (Socket socket = new Socket("127.0.0.1", httpsPort)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path rootCertificate() {
        return dir.resolve("data/caddy/pki/authorities/local/root.crt");
    }

    /** An answer over TLS: status, headers (lower-case names), body. */
    public record Reply(int status, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null ? null : values.get(0);
        }
    }

    /**
     * GET {@code https://{host}{pathAndQuery}} through Caddy: a connection to 127.0.0.1 whose TLS SNI and Host are
     * {@code host}, trusting Caddy's local root only, with the certificate checked against {@code host}. Throws
     * {@link javax.net.ssl.SSLException} when the handshake fails (no certificate for that name).
     */
    public Reply get(String host, String pathAndQuery, String cookie) throws IOException {
        try (Socket plain = new Socket("127.0.0.1", httpsPort);
             SSLSocket tls = (SSLSocket) context().getSocketFactory().createSocket(plain, host, httpsPort, true)) {
            tls.setSoTimeout(30_000);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "\r\n";
            tls.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            return parse(tls.getInputStream());
        }
    }

    private static Reply parse(InputStream in) throws IOException {
        String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int end = raw.indexOf("\r\n\r\n");
        String[] lines = raw.substring(0, end).split("\r\n");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        String body = raw.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", List.of("")).get(0))) {
            body = unchunk(body);
        }
        return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private SSLContext context() {
        try (InputStream pem = Files.newInputStream(rootCertificate())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("caddy-local-root", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust Caddy's local root", e);
        }
    }

    @Override
    public void close() {
        caddy.destroy();
        try {
            if (!caddy.waitFor(10, TimeUnit.SECONDS)) {
                caddy.destroyForcibly();
            }
        } catch (InterruptedException e) {
            caddy.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        relay.stop(0);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind
        }
    }
}
