package dev.authbroker.core.deletion;

import java.util.Optional;

/** Data Deletion requests, by confirmation code or by the request that created them. */
public interface DeletionRequestRepository {

    void add(DeletionRequest request);

    Optional<DeletionRequest> findByCode(String confirmationCode);

    Optional<DeletionRequest> findByRequestHash(String requestHash);
}
