package dev.authbroker.core.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Who changed what, and when. The detail names fields and ids, never their secret values. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "tenant_id", length = 36)
    private String tenantId;

    @Column(name = "actor", nullable = false, length = 64)
    private String actor;

    @Column(name = "action", nullable = false, length = 64)
    private String action;

    @Column(name = "detail", length = 1000)
    private String detail;

    @Column(name = "at", nullable = false)
    private long at;

    protected AuditEvent() {
    }

    public AuditEvent(String tenantId, String actor, String action, String detail, Instant at) {
        this.id = UUID.randomUUID().toString();
        this.tenantId = tenantId;
        this.actor = Objects.requireNonNull(actor, "actor");
        this.action = Objects.requireNonNull(action, "action");
        this.detail = detail;
        this.at = at.toEpochMilli();
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String detail() {
        return detail;
    }

    public Instant at() {
        return Instant.ofEpochMilli(at);
    }
}
