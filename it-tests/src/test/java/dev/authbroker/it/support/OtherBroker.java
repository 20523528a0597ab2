package dev.authbroker.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second broker on the same database, as an operator runs several behind one proxy: the same WAR on another Payara
 * Micro, started the way Arquillian starts the first (same JVM and Micro options, same public URL) but on its own
 * port, its console in a log file of its own.
 */
public final class OtherBroker implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final Process process;

    private OtherBroker(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    public static OtherBroker start(int port, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(System.getProperty("payara.cmdOptions").trim().split("\\s+")));
        command.addAll(List.of("-jar", System.getProperty("payara.microJar"), "--deploy", System.getProperty("it.war")));
        String micro = System.getProperty("payara.extraMicroOptions").replaceAll("--port\\s+\\d+", "--port " + port);
        command.addAll(List.of(micro.trim().split("\\s+")));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            OtherBroker broker = new OtherBroker(port, process);
            broker.awaitReady(Duration.ofSeconds(180));
            return broker;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the second broker", e);
        }
    }

    private void awaitReady(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the second broker exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> ready = CLIENT.send(HttpRequest.newBuilder(URI.create(base() + "/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Pause.millis(250);
        }
        close();
        throw new IllegalStateException("the second broker was not ready within " + limit);
    }

    /** Its own address; send requests here with the {@code Host} of the public URL, as the proxy does. */
    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code url} of the first broker (public URL) sent to this one instead, with the public Host. */
    public Http via(String method, String publicUrl) {
        URI uri = URI.create(publicUrl);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return Http.method(method, base() + path).header("Host", uri.getHost() + ":" + uri.getPort());
    }

    /** Killed as a crash would kill it: no shutdown, no lease given back. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
