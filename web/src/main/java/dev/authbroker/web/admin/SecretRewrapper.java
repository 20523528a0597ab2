package dev.authbroker.web.admin;

import dev.authbroker.core.app.ProviderApp;
import dev.authbroker.core.app.ProviderAppRepository;
import dev.authbroker.core.connection.Connection;
import dev.authbroker.core.connection.ConnectionRepository;
import dev.authbroker.core.crypto.SealedRewrite;
import dev.authbroker.core.crypto.SecretBox;
import dev.authbroker.persistence.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Re-encrypts stored secrets with the active key, in batches of {@value #BATCH} rows per transaction so a large
 * table never sits in one long transaction.
 */
@ApplicationScoped
public class SecretRewrapper {

    static final int BATCH = 200;

    @Inject
    Database db;

    @Inject
    SecretBox box;

    @Inject
    ProviderAppRepository apps;

    public record Result(long examined, long rewritten) {
        Result plus(Result other) {
            return new Result(examined + other.examined, rewritten + other.rewritten);
        }
    }

    @Inject
    ConnectionRepository connections;

    public Result rewrapAll() {
        return rewrap(cursor -> apps.page(cursor, BATCH), app -> app.rewrapped(box), apps::replaceSealedSecret, ProviderApp::id)
                .plus(rewrap(cursor -> connections.page(cursor, BATCH), c -> c.rewrapped(box), connections::replaceSealedToken,
                        Connection::id));
    }

    /**
     * Walks one table in id order, a batch per transaction. Each row is written back only if it still holds the
     * value read (compare-and-set): a refresh, sign-in or app change committed meanwhile wins, and its value — sealed
     * with the active key by then — is never replaced by an older one.
     */
    private <T> Result rewrap(Function<String, List<T>> page, Function<T, Optional<SealedRewrite>> rewrapped,
                              Predicate<SealedRewrite> write, Function<T, String> id) {
        Result total = new Result(0, 0);
        String after = null;
        while (true) {
            String cursor = after;
            Batch batch = db.transaction(em -> {
                List<T> rows = page.apply(cursor);
                long rewritten = 0;
                for (T row : rows) {
                    if (rewrapped.apply(row).map(write::test).orElse(false)) {
                        rewritten++;
                    }
                }
                return new Batch(rows.size(), rewritten, rows.isEmpty() ? null : id.apply(rows.get(rows.size() - 1)));
            });
            if (batch.size() == 0) {
                return total;
            }
            total = total.plus(new Result(batch.size(), batch.rewritten()));
            after = batch.lastId();
        }
    }

    private record Batch(int size, long rewritten, String lastId) {
    }
}
