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

    /** Verified and suspended domains in host name order after {@code afterHostname} (null: from the start), for the re-check. */
    List<CustomDomain> servedOrSuspended(String afterHostname, int limit);
}
