package dev.authbroker.core.audit;

import java.util.List;

/** The audit trail of administrative changes. */
public interface AuditLog {

    void record(AuditEvent event);

    /** Newest first. */
    List<AuditEvent> forTenant(String tenantId, int limit);
}
