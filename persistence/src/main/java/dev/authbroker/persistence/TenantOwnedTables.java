package dev.authbroker.persistence;

import java.util.List;

/** Tables holding rows that belong to one tenant, in the order they are emptied when the tenant is deleted. */
final class TenantOwnedTables {

    static final List<String> CHILDREN = List.of(
            "picker_session",
            "connection",
            "spent_state",
            "custom_domain",
            "audit_event",
            "provider_app",
            "tenant_origin");

    private TenantOwnedTables() {
    }
}
