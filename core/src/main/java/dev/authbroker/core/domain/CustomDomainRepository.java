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

    /** The host names of every verified domain. */
    List<String> verifiedHostnames();

    /**
     * Every tenant's domains in host name order after {@code afterHostname} (null: from the start), of one status
     * (null: all), at most {@code limit}.
     */
    List<CustomDomain> page(DomainStatus status, String afterHostname, int limit);

    /**
     * Records that the TXT records of these verified domains were seen again at {@code now}, in one statement; rows
     * that changed meanwhile (no longer verified, or missing) are left alone. Answers how many were touched.
     */
    int markSeen(List<String> hostnames, java.time.Instant now);

    /** Verified and suspended domains in host name order after {@code afterHostname} (null: from the start), for the re-check. */
    List<CustomDomain> servedOrSuspended(String afterHostname, int limit);
}
