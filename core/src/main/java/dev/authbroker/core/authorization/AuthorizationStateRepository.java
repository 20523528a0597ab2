package dev.authbroker.core.authorization;

import java.time.Instant;
import java.util.Optional;

/** Pending authorization states. */
public interface AuthorizationStateRepository {

    void add(AuthorizationState state);

    /**
     * Removes and returns the state with this hash. Atomic: of several concurrent callers presenting the same
     * state, exactly one gets it.
     */
    Optional<AuthorizationState> consume(String stateHash);

    /** Deletes states that expired before {@code now}; returns how many. */
    int purgeExpired(Instant now);
}
