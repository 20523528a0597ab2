package dev.authbroker.web.admin;

import dev.authbroker.core.audit.AuditEvent;
import dev.authbroker.core.audit.AuditLog;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.tenant.Tenant;
import dev.authbroker.core.tenant.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** What every admin resource needs: the tenants a caller may see, and the audit trail of what it changes. */
@ApplicationScoped
public class TenantAccess {

    @Inject
    TenantRepository tenants;

    @Inject
    AuditLog audit;

    /** The tenant, if this caller may see it; otherwise the same 404 as for a tenant that does not exist. Call in a transaction. */
    public Tenant visible(AdminCaller caller, String id) {
        if (!caller.maySee(id)) {
            throw notFound();
        }
        return tenants.find(id).orElseThrow(TenantAccess::notFound);
    }

    /**
     * The tenant, if this caller may change it: as {@link #visible}, and a disabled tenant's own secret changes
     * nothing (403 {@code tenant_disabled}); only the operator changes a disabled tenant. Call in a transaction.
     */
    public Tenant changeable(AdminCaller caller, String id) {
        Tenant tenant = visible(caller, id);
        if (!caller.isOperator() && !tenant.isActive()) {
            throw new BrokerException(ErrorCode.TENANT_DISABLED, "this tenant is disabled; only the operator can change it");
        }
        return tenant;
    }

    public static BrokerException notFound() {
        return new BrokerException(ErrorCode.TENANT_NOT_FOUND, "no such tenant");
    }

    /** Records a change; call in the transaction that makes it. The detail never holds a secret value. */
    public void record(AdminCaller caller, String tenantId, String action, String detail) {
        audit.record(new AuditEvent(tenantId, caller.auditName(), action, detail, Instant.now()));
    }
}
