package dev.authbroker.core.authorization;

import java.time.Instant;

/** Which authorization states have been spent. */
public interface AuthorizationStateRepository {

    /**
     * Records that this state has been presented. True for the first caller only: of several concurrent callers
     * presenting the same state, across broker instances, exactly one gets true.
     */
    boolean spend(AuthorizationState state);

    /** Forgets spent states whose expiry has passed (they would be refused as expired anyway); returns how many. */
    int purgeExpired(Instant now);
}
