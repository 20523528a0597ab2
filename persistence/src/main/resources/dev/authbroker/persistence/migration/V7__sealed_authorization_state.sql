-- Authorization states now travel sealed in the state value itself; the database only records which were spent.
-- States pending during the upgrade are lost: those popups show "start again".

DROP TABLE authorization_state;

CREATE TABLE spent_state (
    spend_key  VARCHAR(64) NOT NULL PRIMARY KEY,
    tenant_id  VARCHAR(36) NOT NULL,
    expires_at BIGINT      NOT NULL,
    CONSTRAINT fk_spent_state_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

CREATE INDEX ix_spent_state_expires ON spent_state (expires_at);
CREATE INDEX ix_spent_state_tenant ON spent_state (tenant_id);
