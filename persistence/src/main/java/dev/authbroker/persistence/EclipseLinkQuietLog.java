package dev.authbroker.persistence;

import dev.authbroker.core.log.WarningThrottle;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.persistence.logging.AbstractSessionLog;
import org.eclipse.persistence.logging.SessionLog;
import org.eclipse.persistence.logging.SessionLogEntry;

/**
 * EclipseLink's log for the broker's persistence unit: its messages go to java.util.logging as they are, but an
 * exception becomes one line — its root cause's type and first message line, no stack trace — at most once per kind per
 * 10 s. The broker handles every exception EclipseLink throws (a request answers 503, a job tries again), so the stack
 * traces EclipseLink logs before throwing (about 60 lines each, several per failed request in an outage) told nothing.
 */
public final class EclipseLinkQuietLog extends AbstractSessionLog {

    private static final Logger LOG = Logger.getLogger("org.eclipse.persistence");

    @Override
    public void log(SessionLogEntry entry) {
        if (!shouldLog(entry.getLevel(), entry.getNameSpace())) {
            return;
        }
        Level level = julLevel(entry.getLevel());
        Throwable exception = entry.getException();
        if (exception == null) {
            LOG.log(level, formatMessage(entry));
            return;
        }
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        WarningThrottle.SHARED.log(LOG, level.intValue() > Level.WARNING.intValue() ? Level.WARNING : level,
                "eclipselink/" + root.getClass().getName(),
                "EclipseLink: " + root.getClass().getName() + (message.isEmpty() ? "" : ": " + message));
    }

    private static Level julLevel(int level) {
        return switch (level) {
            case SessionLog.SEVERE -> Level.SEVERE;
            case SessionLog.WARNING -> Level.WARNING;
            case SessionLog.INFO -> Level.INFO;
            case SessionLog.CONFIG -> Level.CONFIG;
            case SessionLog.FINE -> Level.FINE;
            case SessionLog.FINER -> Level.FINER;
            default -> Level.FINEST;
        };
    }
}
