package dev.authbroker.web.admin;

/** Who is calling the admin API: the operator, or one tenant with its own secret. */
public record AdminCaller(String tenantId) {

    public static final AdminCaller OPERATOR = new AdminCaller(null);

    public boolean isOperator() {
        return tenantId == null;
    }

    public boolean maySee(String id) {
        return isOperator() || tenantId.equals(id);
    }

    /** How the audit trail names this caller. */
    public String auditName() {
        return isOperator() ? "operator" : "tenant:" + tenantId;
    }
}
