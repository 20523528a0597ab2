package dev.authbroker.web.client;

import dev.authbroker.core.connection.Connection;
import dev.authbroker.core.connection.ConnectionRepository;
import dev.authbroker.core.connection.PickerSession;
import dev.authbroker.core.crypto.RandomToken;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.persistence.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** Turns a picker's {@code Authorization: Bearer} session token into its connection. */
@ApplicationScoped
public class PickerSessions {

    @Inject
    Database db;

    @Inject
    ConnectionRepository connections;

    /** A live session and the connection it opens. */
    public record Authenticated(PickerSession session, Connection connection) {
    }

    public Authenticated authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized();
        }
        String token = authorization.substring(7).trim();
        if (token.isEmpty() || token.length() > 200) {
            throw unauthorized();
        }
        return db.transaction(em -> {
            PickerSession session = connections.findSession(RandomToken.sha256Hex(token))
                    .filter(s -> !s.isExpired(Instant.now()))
                    .orElseThrow(PickerSessions::unauthorized);
            Connection connection = connections.find(session.connectionId()).orElseThrow(PickerSessions::unauthorized);
            return new Authenticated(session, connection);
        });
    }

    private static BrokerException unauthorized() {
        return new BrokerException(ErrorCode.UNAUTHORIZED, "missing, unknown or expired picker session");
    }
}
