package dev.authbroker.core.authorization;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The record that a state has been presented to the callback: its primary key is what makes a state single-use
 * across every broker instance sharing the database. Kept until the state would have expired anyway.
 */
@Entity
@Table(name = "spent_state")
public class SpentState {

    @Id
    @Column(name = "spend_key", length = 64)
    private String spendKey;

    @Column(name = "tenant_id", nullable = false, length = 36)
    private String tenantId;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    protected SpentState() {
    }

    public SpentState(AuthorizationState state) {
        this.spendKey = state.spendKey();
        this.tenantId = state.binding().tenantId();
        this.expiresAt = state.expiresAt().toEpochMilli();
    }

    public String spendKey() {
        return spendKey;
    }
}
