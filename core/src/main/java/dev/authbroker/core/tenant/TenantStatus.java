package dev.authbroker.core.tenant;

/** An active tenant can start sign-ins; a disabled one keeps its data but cannot. */
public enum TenantStatus {
    ACTIVE, DISABLED
}
