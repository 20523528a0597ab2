package dev.authbroker.persistence;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells HikariCP which failures mean the connection itself is gone, so it is dropped instead of handed out again:
 * SQL state class 08 (connection exception), and H2's own codes for a server that went away (its TCP client answers
 * "database is already closed" on a connection whose server restarted, a state Hikari does not know).
 */
public final class BrokenConnections implements SQLExceptionOverride {

    /** H2: connection broken (90067), database closed (90121), database is in exclusive mode / shutting down (90098). */
    private static final Set<Integer> H2_GONE = Set.of(90067, 90121, 90098);

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (H2_GONE.contains(sql.getErrorCode())
                    || (sql.getSQLState() != null && sql.getSQLState().startsWith("08")))) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
