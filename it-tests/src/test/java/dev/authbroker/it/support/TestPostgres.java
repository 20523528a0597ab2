package dev.authbroker.it.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The throwaway PostgreSQL cluster of {@code bin/test}, stopped and started again under the brokers the way an
 * outage would: {@code pg_ctl} on the data directory bin/test names ({@code it.postgresql.*}), with the options it
 * started the cluster with.
 */
public final class TestPostgres {

    private TestPostgres() {
    }

    public static boolean controllable() {
        return !System.getProperty("it.postgresql.pgctl", "").isBlank() && !System.getProperty("it.postgresql.data", "").isBlank();
    }

    public static void stop() {
        pgCtl("-D", data().toString(), "-m", "fast", "-w", "stop");
    }

    public static void start() {
        int port = URI.create(System.getProperty("it.db.url").substring("jdbc:".length())).getPort();
        pgCtl("-D", data().toString(), "-w", "-l", data().resolveSibling("server.log").toString(),
                "-o", "-p " + port + " -k " + data().getParent() + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    private static Path data() {
        return Path.of(System.getProperty("it.postgresql.data"));
    }

    private static void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>();
        String runAs = System.getProperty("it.postgresql.runas", "");
        if (!runAs.isBlank()) {
            command.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        command.add(System.getProperty("it.postgresql.pgctl"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl " + String.join(" ", arguments) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run pg_ctl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
