package dev.authbroker.it.support;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.h2.tools.Server;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Suite-wide fixtures, started once before any test class (and so before Arquillian starts Payara Micro): the H2
 * database server the broker connects to, the Instagram simulator, and a copy of everything the server prints into
 * a log file the tests can search for leaked secrets.
 */
public final class TestEnvironment implements LauncherSessionListener {

    private static Server h2;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("it.db") == null) {
            return;
        }
        teeConsoleToServerLog();
        if ("h2".equals(System.getProperty("it.db"))) {
            startH2();
        }
        Simulator.start();
        TestDns.start();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Simulator.stop();
        TestDns.stop();
        stopH2();
    }

    /** The H2 server the broker uses; tests stop and restart it to see readiness change. */
    public static synchronized void startH2() {
        System.setProperty("h2.bindAddress", "127.0.0.1");
        try {
            h2 = Server.createTcpServer("-tcpPort", System.getProperty("it.h2.port"),
                    "-baseDir", System.getProperty("it.h2.dir"), "-ifNotExists").start();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the H2 server", e);
        }
    }

    public static synchronized void stopH2() {
        if (h2 != null) {
            h2.stop();
            h2 = null;
        }
    }

    private static void teeConsoleToServerLog() {
        Path log = Path.of(System.getProperty("it.server.log"));
        try {
            Files.createDirectories(log.getParent());
            OutputStream file = new FileOutputStream(log.toFile(), false);
            System.setOut(new PrintStream(new Tee(System.out, file), true));
            System.setErr(new PrintStream(new Tee(System.err, file), true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Everything the server logged: its console as this JVM saw it, and on WildFly also its own {@code server.log}
     * (which holds more than the console, e.g. DEBUG lines of {@code standalone-microprofile.xml}).
     */
    public static String serverLogText() {
        StringBuilder text = new StringBuilder();
        List<Path> logs = new ArrayList<>(List.of(serverLog()));
        if (System.getProperty("it.wildfly.base") != null) {
            logs.add(Path.of(System.getProperty("it.wildfly.base"), "log", "server.log"));
        }
        for (Path log : logs) {
            try {
                text.append(Files.readString(log, StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }

    public static Path serverLog() {
        return Path.of(System.getProperty("it.server.log"));
    }

    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
