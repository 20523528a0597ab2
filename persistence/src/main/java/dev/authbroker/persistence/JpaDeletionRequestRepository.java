package dev.authbroker.persistence;

import dev.authbroker.core.deletion.DeletionRequest;
import dev.authbroker.core.deletion.DeletionRequestRepository;
import java.util.Optional;

public final class JpaDeletionRequestRepository implements DeletionRequestRepository {

    private final Database db;

    public JpaDeletionRequestRepository(Database db) {
        this.db = db;
    }

    @Override
    public void add(DeletionRequest request) {
        db.em().persist(request);
    }

    @Override
    public Optional<DeletionRequest> findByCode(String confirmationCode) {
        return Optional.ofNullable(db.em().find(DeletionRequest.class, confirmationCode));
    }

    @Override
    public Optional<DeletionRequest> findByRequestHash(String requestHash) {
        return db.em().createQuery("SELECT r FROM DeletionRequest r WHERE r.requestHash = :h", DeletionRequest.class)
                .setParameter("h", requestHash).getResultStream().findFirst();
    }
}
