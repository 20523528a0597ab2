package dev.authbroker.core.domain;

import java.util.List;
import java.util.Optional;

/** Custom domains: unique by host name across all tenants. */
public interface CustomDomainRepository {

    void add(CustomDomain domain);

    Optional<CustomDomain> find(String hostname);

    List<CustomDomain> forTenant(String tenantId);

    void delete(CustomDomain domain);

    /** How many pending claims of the tenant were made at or after {@code since} (older ones have expired). */
    long countPendingSince(String tenantId, java.time.Instant since);

    /** Deletes pending claims made before {@code before}; returns how many. */
    int deletePendingBefore(java.time.Instant before);

    /** Verified domains checked longest ago first (never checked first), at most limit, for the re-check job. */
    List<CustomDomain> dueForRecheck(int limit);
}
