package dev.authbroker.persistence;

import dev.authbroker.core.audit.AuditEvent;
import dev.authbroker.core.audit.AuditLog;
import java.util.List;

public final class JpaAuditLog implements AuditLog {

    private final Database db;

    public JpaAuditLog(Database db) {
        this.db = db;
    }

    @Override
    public void record(AuditEvent event) {
        db.em().persist(event);
    }

    @Override
    public List<AuditEvent> forTenant(String tenantId, int limit) {
        return db.em().createQuery(
                        "SELECT e FROM AuditEvent e WHERE e.tenantId = :t ORDER BY e.at DESC, e.id", AuditEvent.class)
                .setParameter("t", tenantId).setMaxResults(limit).getResultList();
    }
}
