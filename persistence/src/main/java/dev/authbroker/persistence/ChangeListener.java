package dev.authbroker.persistence;

import dev.authbroker.core.log.WarningThrottle;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * PostgreSQL {@code LISTEN} on the brokers' change channel, on a daemon thread with a connection of its own (outside
 * the pool: it is held for as long as the broker runs). Notices arrive within {@value #POLL_MILLIS} ms of the commit
 * that sent them. When the connection breaks, it reconnects every second, warning at most once per 10 s, and runs
 * {@code onMissed} once listening again.
 */
final class ChangeListener implements AutoCloseable {

    static final String CHANNEL = "authbroker_changes";
    private static final Logger LOG = Logger.getLogger(ChangeListener.class.getName());
    private static final int POLL_MILLIS = 250;

    private final DatabaseSettings settings;
    private final Consumer<String> onChange;
    private final Runnable onMissed;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    private ChangeListener(DatabaseSettings settings, Consumer<String> onChange, Runnable onMissed) {
        this.settings = settings;
        this.onChange = onChange;
        this.onMissed = onMissed;
        this.thread = new Thread(this::listen, "authbroker-change-listener");
        thread.setDaemon(true);
    }

    static ChangeListener start(DatabaseSettings settings, Consumer<String> onChange, Runnable onMissed) {
        ChangeListener listener = new ChangeListener(settings, onChange, onMissed);
        listener.thread.start();
        return listener;
    }

    private void listen() {
        while (!closed) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement listen = c.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                onMissed.run();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notices = pg.getNotifications(POLL_MILLIS);
                    if (notices != null) {
                        for (PGNotification notice : notices) {
                            deliver(notice.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                WarningThrottle.SHARED.warn(LOG, "change-listener", "change notices from other brokers paused "
                        + "(database unreachable?), retrying every second: " + e.getClass().getSimpleName());
                pause();
            } finally {
                connection = null;
            }
        }
    }

    private void deliver(String key) {
        try {
            onChange.accept(key);
        } catch (RuntimeException e) {
            LOG.warning("change notice " + key + " not applied: " + e);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "authbroker change listener");
        Connection c = new org.postgresql.Driver().connect(settings.url(), properties);
        if (c == null) {
            throw new SQLException("not a PostgreSQL URL");
        }
        return c;
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // stopping: nothing left to do about it
            }
        }
    }
}
